using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Voice.Offline;

/// <summary>The language model and dictionary files pocketsphinx is started with.</summary>
public sealed record DomainModelFiles(string LanguageModel, string Dictionary, int Words, int Sentences);

/// <summary>
/// Builds the domain language model (corpus -> trigram ARPA) and its dictionary at first use, and caches them under
/// Voice:Offline:ModelCacheDirectory in a folder named by the hash of what they are built from, so a changed
/// corpus builds new files and an unchanged one is reused across restarts. Files are written to a temporary
/// name and moved into place, so a half-written model is never read.
/// </summary>
public sealed class DomainModelStore(IOptions<VoiceOptions> options, IHostEnvironment environment, ILogger<DomainModelStore> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DomainModelFiles? _files;

    public async Task<DomainModelFiles> GetAsync(CancellationToken ct)
    {
        if (_files is { } ready)
        {
            return ready;
        }
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _files ??= Build();
        }
        finally
        {
            _gate.Release();
        }
    }

    private DomainModelFiles Build()
    {
        var offline = options.Value.Offline;
        var root = Path.IsPathRooted(offline.ModelCacheDirectory) ? offline.ModelCacheDirectory : Path.Combine(environment.ContentRootPath, offline.ModelCacheDirectory);
        var sentences = DomainCorpus.Sentences().ToList();
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{DomainCorpus.Version}\n{offline.PronunciationDictionary}\n{string.Join('\n', sentences)}")))[..16].ToLowerInvariant();
        var folder = Path.Combine(root, "lm-" + key);
        var arpa = Path.Combine(folder, "domain.arpa");
        var dict = Path.Combine(folder, "domain.dict");
        var words = sentences.SelectMany(DomainCorpus.Words).ToHashSet(StringComparer.Ordinal);
        if (File.Exists(arpa) && File.Exists(dict))
        {
            return new DomainModelFiles(arpa, dict, words.Count, sentences.Count);
        }

        var lexicon = PronunciationLexicon.Load(offline.PronunciationDictionary, words);
        var missing = words.Where(w => !lexicon.Contains(w)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            VoiceLog.WordsWithoutPronunciation(logger, missing.Count, string.Join(' ', missing));
        }
        var usable = sentences.Select(DomainCorpus.Words).Where(s => s.All(lexicon.Contains)).ToList();
        var model = TrigramLanguageModel.Train(usable);

        Directory.CreateDirectory(folder);
        WriteAtomically(dict, lexicon.Write);
        WriteAtomically(arpa, model.WriteArpa);
        VoiceLog.LanguageModelBuilt(logger, usable.Count, model.Vocabulary.Count, folder);
        return new DomainModelFiles(arpa, dict, model.Vocabulary.Count, usable.Count);
    }

    private static void WriteAtomically(string path, Action<TextWriter> write)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false)))
        {
            write(writer);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
