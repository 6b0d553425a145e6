using BankingLlm.PiiGuard;
using BankingLlm.PiiGuard.Analysis;
using BankingLlm.PiiGuard.Operators;
using BankingLlm.PiiGuard.Output;
using BankingLlm.PiiGuard.Vault;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;

namespace BankingLlm.Benchmarks;

/// <summary>
/// PII guard throughput: analyze + anonymize per message over the labelled corpus (chat and voice separately),
/// the stream guard, start-up, and adversarial inputs. Mean per message: the corpus benchmarks use
/// OperationsPerInvoke = number of messages. Run: dotnet run -c Release --project benchmarks/Benchmarks -- --filter *PiiGuard*
/// </summary>
[MemoryDiagnoser]
public class PiiGuardBenchmarks
{
    private const int ChatMessages = 225;
    private const int VoiceMessages = 75;

    private PiiAnalyzer _analyzer = null!;
    private PiiAnonymizer _anonymizer = null!;
    private PiiOutputGuard _outputGuard = null!;
    private string[] _chat = [];
    private string[] _voice = [];
    private string _digits100K = "";
    private string _separators = "";
    private string _unicode = "";
    private string _reply = "";

    [GlobalSetup]
    public void Setup()
    {
        var (chat, voice, _) = PiiBenchmarkCorpus.Load();
        _chat = Repeat(chat, ChatMessages);
        _voice = Repeat(voice, VoiceMessages);
        var options = Options.Create(new PiiGuardOptions());
        _analyzer = PiiAnalyzer.CreateDefault();
        var hasher = new HmacPiiValueHasher(new BenchmarkHashKey());
        _anonymizer = new PiiAnonymizer(hasher, options);
        _outputGuard = new PiiOutputGuard(_analyzer, hasher, options);
        _digits100K = new string('7', 100_000);
        _separators = string.Concat(Enumerable.Repeat("1- 2. ", 16_000));
        _unicode = string.Concat(Enumerable.Repeat("\u0301\U0001F600\u202e\u200b\u00e9 4 ", 10_000));
        _reply = "Your card 4111 1111 1111 1111 is blocked; we will call (415) 555-0132 and write to dana.whitfield@example.com.";
    }

    [Benchmark(OperationsPerInvoke = ChatMessages)]
    public int ChatMessage()
    {
        var total = 0;
        var vault = new PiiVault("bench");
        foreach (var text in _chat)
        {
            total += _anonymizer.Anonymize(_analyzer.Analyze(text), vault).Text.Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = VoiceMessages)]
    public int VoiceTranscript()
    {
        var total = 0;
        var vault = new PiiVault("bench");
        foreach (var text in _voice)
        {
            total += _anonymizer.Anonymize(_analyzer.Analyze(text, PiiChannel.Voice), vault).Text.Length;
        }

        return total;
    }

    [Benchmark]
    public string StreamGuard_reply_in_8_char_chunks()
    {
        var stream = _outputGuard.CreateStream(new PiiVault("bench"));
        var output = "";
        for (var i = 0; i < _reply.Length; i += 8)
        {
            output += stream.Push(_reply.Substring(i, Math.Min(8, _reply.Length - i)));
        }

        return output + stream.Complete();
    }

    [Benchmark]
    public int Adversarial_100KB_of_digits() => _analyzer.Analyze(_digits100K).Entities.Count;

    [Benchmark]
    public int Adversarial_96KB_of_separators() => _analyzer.Analyze(_separators).Entities.Count;

    [Benchmark]
    public int Adversarial_deep_unicode() => _analyzer.Analyze(_unicode).Entities.Count;

    [Benchmark]
    public int StartUp_with_warm_up() => PiiAnalyzer.CreateDefault().Analyze(_reply).Entities.Count;

    private static string[] Repeat(IReadOnlyList<string> source, int count) =>
        [.. Enumerable.Range(0, count).Select(i => source[i % source.Count])];

    private sealed class BenchmarkHashKey : IPiiHashKeyProvider
    {
        private readonly byte[] _key = Enumerable.Repeat((byte)42, 32).ToArray();

        public ReadOnlySpan<byte> GetHashKey() => _key;
    }
}
