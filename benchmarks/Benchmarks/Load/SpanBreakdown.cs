using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace BankingLlm.Benchmarks.Load;

/// <summary>
/// `load --spans`: listens to the app's own spans (assistant, tools, Npgsql) during the chat run and prints where a
/// turn's time goes: count and mean duration per span name (Npgsql spans by SQL verb and table).
/// </summary>
public sealed class SpanBreakdown : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, (long Count, double TotalMs)> _spans = new(StringComparer.Ordinal);

    public SpanBreakdown()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("BankingLlm.", StringComparison.Ordinal) || s.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a => _spans.AddOrUpdate(Key(a), (1, a.Duration.TotalMilliseconds), (_, v) => (v.Count + 1, v.TotalMs + a.Duration.TotalMilliseconds)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Print(long turns)
    {
        Console.WriteLine($"spans per turn ({turns} turns):");
        foreach (var (name, (count, total)) in _spans.OrderByDescending(s => s.Value.TotalMs).Take(25))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count / (double)turns,6:0.00} x {total / count,8:0.000} ms = {total / turns,8:0.000} ms/turn  {name}"));
        }
    }

    public void Dispose() => _listener.Dispose();

    private static string Key(Activity a)
    {
        if (a.Source.Name != "Npgsql")
        {
            return a.DisplayName;
        }
        var sql = a.GetTagItem("db.query.text") as string ?? a.DisplayName;
        var words = sql.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var verb = words.FirstOrDefault() ?? "?";
        var table = words.SkipWhile(w => !w.Equals("FROM", StringComparison.OrdinalIgnoreCase) && !w.Equals("INTO", StringComparison.OrdinalIgnoreCase) && !w.Equals("UPDATE", StringComparison.OrdinalIgnoreCase))
            .Skip(1).FirstOrDefault() ?? "";
        if (verb.Equals("UPDATE", StringComparison.OrdinalIgnoreCase))
        {
            table = words.Skip(1).FirstOrDefault() ?? "";
        }
        return $"sql {verb} {table}".TrimEnd();
    }
}
