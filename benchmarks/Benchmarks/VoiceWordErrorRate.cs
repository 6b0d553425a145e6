using System.Diagnostics;
using System.Globalization;
using BankingLlm.Assistant.Voice;
using BankingLlm.Assistant.Voice.Audio;
using BankingLlm.Assistant.Voice.Offline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BankingLlm.Benchmarks;

/// <summary>
/// `voice-wer [--rate WPM] [--decoder "-lw 8 -beam 1e-60"]`: word error rate of the offline speech-to-text
/// (pocketsphinx + the domain language model) on <see cref="VoiceUtterances"/> spoken by espeak-ng en-us:
/// (substitutions + deletions + insertions) / reference words, over all utterances.
/// </summary>
public static class VoiceWordErrorRate
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new VoiceOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--rate":
                    options.Offline.WordsPerMinute = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--decoder":
                    options.Offline.DecoderArguments = args[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    break;
            }
        }
        options.Offline.ModelCacheDirectory = Path.Combine(Path.GetTempPath(), "bankingllm-voice-bench");
        var wrapped = Options.Create(options);
        var store = new DomainModelStore(wrapped, new BenchEnvironment(), NullLogger<DomainModelStore>.Instance);
        using var stt = new PocketSphinxSpeechToText(store, wrapped);
        var tts = new EspeakTextToSpeech(wrapped);
        var files = await store.GetAsync(CancellationToken.None);
        Console.WriteLine($"domain model: {files.Sentences} sentences, {files.Words} words; decoder extra: {string.Join(' ', options.Offline.DecoderArguments)}");

        int errors = 0, words = 0, firstErrors = 0, firstWords = 0;
        var times = new List<double>(VoiceUtterances.All.Count);
        for (var index = 0; index < VoiceUtterances.All.Count; index++)
        {
            var reference = VoiceUtterances.All[index];
            if (index == VoiceUtterances.First.Count)
            {
                (firstErrors, firstWords) = (errors, words);
            }
            var wav = await tts.SynthesizeAsync(reference, CancellationToken.None);
            var started = Stopwatch.GetTimestamp();
            var heard = await stt.TranscribeAsync(WavCodec.Read(wav), CancellationToken.None);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var refWords = reference.Split(' ');
            var distance = EditDistance(refWords, heard.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            errors += distance;
            words += refWords.Length;
            Console.WriteLine($"{(distance == 0 ? "ok " : $"E{distance} ")} {reference}{(distance == 0 ? "" : $"\n     heard: {heard.Text}")}");
        }
        var sorted = times.Order().ToArray();
        Console.WriteLine($"first set: {100.0 * firstErrors / firstWords:F1}% ({firstErrors} / {firstWords} words, {VoiceUtterances.First.Count} utterances); " +
            $"held-out set: {100.0 * (errors - firstErrors) / (words - firstWords):F1}% ({errors - firstErrors} / {words - firstWords} words, {VoiceUtterances.HeldOut.Count} utterances)");
        Console.WriteLine($"WER {100.0 * errors / words:F1}% ({errors} errors / {words} words, {VoiceUtterances.All.Count} utterances); " +
            $"recognition p50 {BenchmarkDatabase.Percentile(sorted, 50):F0} ms, p95 {BenchmarkDatabase.Percentile(sorted, 95):F0} ms");
        return 0;
    }

    /// <summary>Word-level Levenshtein distance.</summary>
    public static int EditDistance(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        var previous = Enumerable.Range(0, hypothesis.Count + 1).ToArray();
        for (var i = 1; i <= reference.Count; i++)
        {
            var current = new int[hypothesis.Count + 1];
            current[0] = i;
            for (var j = 1; j <= hypothesis.Count; j++)
            {
                var substitution = previous[j - 1] + (reference[i - 1] == hypothesis[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            previous = current;
        }
        return previous[hypothesis.Count];
    }

    private sealed class BenchEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Benchmark";
        public string ApplicationName { get; set; } = "Benchmarks";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
