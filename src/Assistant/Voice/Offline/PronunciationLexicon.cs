namespace BankingLlm.Assistant.Voice.Offline;

/// <summary>
/// The pronunciations of the domain's words, cut from the CMU dictionary of pocketsphinx-en-us (all variants,
/// "word(2)" lines included), plus a few brand and banking words it lacks. A word with no pronunciation cannot
/// be recognised, so the corpus drops sentences containing one.
/// </summary>
public sealed class PronunciationLexicon
{
    private static readonly Dictionary<string, string> Additions = new(StringComparer.Ordinal)
    {
        ["kyc"] = "K EY W AY S IY",
        ["netflix"] = "N EH T F L IH K S",
        ["lyft"] = "L IH F T",
    };

    private readonly Dictionary<string, List<string>> _entries;

    private PronunciationLexicon(Dictionary<string, List<string>> entries) => _entries = entries;

    public static PronunciationLexicon Load(string path, IReadOnlySet<string> wanted)
    {
        if (!File.Exists(path))
        {
            throw new SpeechServiceException($"The pronunciation dictionary '{path}' is missing (package pocketsphinx-en-us; Voice:Offline:PronunciationDictionary).");
        }
        var entries = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var space = line.IndexOf(' ');
            if (space <= 0)
            {
                continue;
            }
            var word = line[..space];
            var paren = word.IndexOf('(');
            var baseWord = paren > 0 ? word[..paren] : word;
            if (wanted.Contains(baseWord))
            {
                (entries.TryGetValue(baseWord, out var list) ? list : entries[baseWord] = []).Add(line[(space + 1)..].Trim());
            }
        }
        foreach (var (word, phones) in Additions)
        {
            if (wanted.Contains(word) && !entries.ContainsKey(word))
            {
                entries[word] = [phones];
            }
        }
        return new PronunciationLexicon(entries);
    }

    public bool Contains(string word) => _entries.ContainsKey(word);

    /// <summary>The dictionary file pocketsphinx reads: "word PHONES", variants as "word(2) PHONES".</summary>
    public void Write(TextWriter writer)
    {
        foreach (var (word, variants) in _entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            for (var i = 0; i < variants.Count; i++)
            {
                writer.WriteLine(i == 0 ? $"{word} {variants[i]}" : $"{word}({i + 1}) {variants[i]}");
            }
        }
    }
}
