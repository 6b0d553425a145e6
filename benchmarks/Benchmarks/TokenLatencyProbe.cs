using System.Diagnostics;
using System.Globalization;
using BankingLlm.Assistant.Agent.History;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Benchmarks;

/// <summary>
/// Per-call latency of counting one NEW message (a cache miss), timed call by call with the high-resolution clock,
/// as a turn does it: once per new message, in a running process. BenchmarkDotNet's "PerCall" job
/// (<see cref="TokenCountingBenchmarks"/>) also times single calls, but runs its own bookkeeping between them, so
/// its tail measures a cold CPU cache as much as the counter; this probe reports both a steady loop and a loop that
/// evicts the CPU caches (touches 32 MB) before every call, the worst case for a turn.
/// Run: <c>dotnet run -c Release --project benchmarks/Benchmarks -- token-latency [--calls N]</c>.
/// </summary>
public static class TokenLatencyProbe
{
    public static string Run(string[] args)
    {
        var calls = args.Length >= 2 && args[0] == "--calls" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var counter = ChatTokenCounter.ForModel("gpt-4o");
        var texts = TokenCountingData.NewMessageTexts(count: 4096);
        var sequence = 0;

        ChatMessageContent NextMessage() => new(AuthorRole.User,
            string.Concat(texts[sequence & 4095], " #", (sequence++).ToString(CultureInfo.InvariantCulture)));

        for (var i = 0; i < 20_000; i++)
        {
            counter.CountMessage(NextMessage());
        }

        var lines = new List<string> { $"encoding: {counter.Encoding.Name}, {calls} new ~200-char messages per loop" };
        lines.Add(Measure("steady loop", calls, counter, NextMessage, evict: null));
        var scratch = new byte[32 * 1024 * 1024];
        lines.Add(Measure("caches evicted before each call", Math.Min(calls, 5_000), counter, NextMessage, evict: scratch));
        lines.Add(MachineStalls(TimeSpan.FromSeconds(2)));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>
    /// The machine's noise floor: a loop that only reads the clock, reporting every gap over 10 µs between two reads
    /// (the thread did not run: a timer tick, a hypervisor exit, another process). A call of duration d is hit by
    /// such a stall with probability about d x stalls/s, which is what shapes a per-call p99 of a few-µs operation.
    /// </summary>
    private static string MachineStalls(TimeSpan duration)
    {
        var threshold = Stopwatch.Frequency / 100_000; // 10 µs
        var gaps = new List<double>();
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var previous = Stopwatch.GetTimestamp();
        while (previous < end)
        {
            var now = Stopwatch.GetTimestamp();
            if (now - previous > threshold)
            {
                gaps.Add((now - previous) * 1_000_000.0 / Stopwatch.Frequency);
            }

            previous = now;
        }

        if (gaps.Count == 0)
        {
            return "machine stalls (clock-only loop): none over 10 µs";
        }

        var sorted = gaps.ToArray();
        Array.Sort(sorted);
        return string.Create(CultureInfo.InvariantCulture,
            $"machine stalls (clock-only loop, {duration.TotalSeconds:0} s): {sorted.Length / duration.TotalSeconds:0} per second over 10 µs, median {BenchmarkDatabase.Percentile(sorted, 50):0} µs, p90 {BenchmarkDatabase.Percentile(sorted, 90):0} µs, {sorted.Sum() / duration.TotalMilliseconds / 10:0.0}% of the time");
    }

    private static string Measure(string name, int calls, ChatTokenCounter counter, Func<ChatMessageContent> next, byte[]? evict)
    {
        var samples = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var message = next();
            if (evict is not null)
            {
                for (var b = 0; b < evict.Length; b += 64)
                {
                    evict[b]++;
                }
            }

            var start = Stopwatch.GetTimestamp();
            counter.CountMessage(message);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(samples);
        return string.Create(CultureInfo.InvariantCulture,
            $"{name}: {calls} calls, mean {samples.Average():0.00} µs, p50 {samples[calls / 2]:0.00} µs, p95 {samples[(int)(calls * 0.95)]:0.00} µs, p99 {samples[(int)(calls * 0.99)]:0.00} µs, max {samples[^1]:0.00} µs");
    }
}
