using System.Diagnostics;
using System.Globalization;
using BankingLlm.PiiGuard;
using BankingLlm.PiiGuard.Analysis;
using BankingLlm.PiiGuard.Operators;
using BankingLlm.PiiGuard.Vault;
using Microsoft.Extensions.Options;

namespace BankingLlm.Benchmarks;

/// <summary>
/// Per-message latency percentiles of analyze + anonymize (BenchmarkDotNet reports means per batch, not per
/// message). Single thread; every corpus message timed <c>rounds</c> times after a warm-up.
/// </summary>
public static class PiiLatencyProbe
{
    public static string Run(int rounds = 200)
    {
        var startup = Stopwatch.StartNew();
        var analyzer = PiiAnalyzer.CreateDefault();
        startup.Stop();
        var anonymizer = new PiiAnonymizer(new HmacPiiValueHasher(new Key()), Options.Create(new PiiGuardOptions()));
        var (chat, voice, source) = PiiBenchmarkCorpus.Load();
        var lines = new List<string> { $"source: {source}", $"start-up with warm-up: {startup.Elapsed.TotalMilliseconds:0} ms" };
        foreach (var (name, texts, channel) in new[] { ("chat", chat, PiiChannel.Chat), ("voice", voice, PiiChannel.Voice) })
        {
            var samples = new List<double>(texts.Count * rounds);
            for (var round = 0; round < rounds + 5; round++)
            {
                var vault = new PiiVault("probe");
                foreach (var text in texts)
                {
                    var start = Stopwatch.GetTimestamp();
                    anonymizer.Anonymize(analyzer.Analyze(text, channel), vault);
                    var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    if (round >= 5)
                    {
                        samples.Add(elapsed);
                    }
                }
            }

            samples.Sort();
            var total = samples.Sum();
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {samples.Count} messages, {samples.Count / (total / 1000):0} msg/s, mean {total / samples.Count:0.000} ms, p50 {samples[samples.Count / 2]:0.000} ms, p99 {samples[(int)(samples.Count * 0.99)]:0.000} ms, max {samples[^1]:0.000} ms"));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private sealed class Key : IPiiHashKeyProvider
    {
        private readonly byte[] _key = Enumerable.Repeat((byte)42, 32).ToArray();

        public ReadOnlySpan<byte> GetHashKey() => _key;
    }
}
