using System.Collections.Concurrent;
using System.Diagnostics;
using BankingLlm.Assistant.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace BankingLlm.Benchmarks.Load;

/// <summary>
/// Drives turns over open hub connections: paced (each session one turn every interval, starts spread over the
/// first interval) or saturating (each session sends its next turn as soon as the last one finished). A turn's
/// latency runs from the SendMessage call to its final chunk.
/// </summary>
public static class TurnLoad
{
    /// <summary>The turn mix: balance, history and small talk.</summary>
    public static readonly string[] Messages =
    [
        "what's my checking balance?",
        "show my transactions from last week",
        "hi there",
        "how much is in my savings?",
        "show my recent transactions",
        "thanks!",
    ];

    public sealed record Session(HubConnection Connection, Guid SessionId);

    public sealed record Result(double[] LatenciesMs, int Errors, IReadOnlyDictionary<string, int> ErrorKinds, TimeSpan Elapsed)
    {
        public double TurnsPerSecond => LatenciesMs.Length / Elapsed.TotalSeconds;

        public double P(double percentile) => LatenciesMs.Length == 0 ? double.NaN : BenchmarkDatabase.Percentile(LatenciesMs, percentile);
    }

    public static async Task<Result> RunAsync(IReadOnlyList<Session> sessions, TimeSpan? interval, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var deadline = duration;
        var tasks = sessions.Select((s, index) => Task.Run(async () =>
        {
            var turn = index;
            if (interval is { } every)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(every.TotalMilliseconds * index / sessions.Count));
            }
            while (clock.Elapsed < deadline)
            {
                var started = clock.Elapsed;
                var text = Messages[turn++ % Messages.Length];
                try
                {
                    var t0 = Stopwatch.GetTimestamp();
                    ChatChunk? final = null;
                    await foreach (var chunk in s.Connection.StreamAsync<ChatChunk>("SendMessage", s.SessionId, text))
                    {
                        final = chunk;
                    }
                    if (final?.Kind != "final")
                    {
                        throw new InvalidOperationException("no final chunk");
                    }
                    latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                catch (Exception ex)
                {
                    errors.AddOrUpdate(HubErrors.CodeOf(ex.Message) ?? ex.GetType().Name, 1, (_, n) => n + 1);
                }
                if (interval is { } pace)
                {
                    var next = started + pace;
                    if (next > clock.Elapsed)
                    {
                        await Task.Delay(next - clock.Elapsed);
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed;
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return new Result(sorted, errors.Values.Sum(), errors, elapsed);
    }
}
