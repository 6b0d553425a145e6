using System.Diagnostics;
using System.Globalization;
using BankingLlm.Data;
using BankingLlm.Data.Postgres;
using BankingLlm.Data.Queries;
using Npgsql;

namespace BankingLlm.Benchmarks;

/// <summary>
/// Latency of the seed's reference query ("completed transactions of one account in the last 90 days, newest
/// first, 50 rows") on a large database: sequential queries over random accounts, after a warm-up, reporting
/// p50/p95/p99. Uses ConnectionStrings__Banking, or the private cluster in LocalPostgres__DataDirectory.
/// </summary>
public static class HistoryQueryLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var queries = ArgValue(args, "--queries", 20_000);
        var warmup = ArgValue(args, "--warmup", 2_000);
        await using var database = await BenchmarkDatabase.OpenAsync();
        var connectionString = database.ConnectionString;
        await using var dataSource = DatabaseConnection.CreateDataSource(connectionString, new DatabaseOptions());
        var (rows, accounts) = await SizeAsync(dataSource);
        // Random accounts (most have a few recent rows), or with --busiest the accounts with the most history,
        // whose 90-day window fills the 50-row page.
        var busiest = args.Contains("--busiest");
        await using var idCmd = dataSource.CreateCommand(busiest
            ? "SELECT account_id FROM transactions GROUP BY account_id ORDER BY count(*) DESC LIMIT 1000"
            : "SELECT account_id FROM accounts ORDER BY random() LIMIT 5000");
        idCmd.CommandTimeout = 600;
        var ids = new List<Guid>();
        await using (var reader = await idCmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
        }
        var random = new Random(7);
        for (var i = 0; i < warmup; i++)
        {
            await TransactionHistoryQuery.RunAsync(dataSource, ids[random.Next(ids.Count)]);
        }
        var samples = new double[queries];
        long returned = 0;
        for (var i = 0; i < queries; i++)
        {
            var id = ids[random.Next(ids.Count)];
            var start = Stopwatch.GetTimestamp();
            var result = await TransactionHistoryQuery.RunAsync(dataSource, id);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            returned += result.Count;
        }
        Array.Sort(samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"history query on {rows:N0} transactions / {accounts:N0} accounts ({(busiest ? "busiest 1,000 accounts" : "random accounts")}): {queries:N0} queries, avg {returned / (double)queries:F1} rows; " +
            $"p50 {BenchmarkDatabase.Percentile(samples, 50):F3} ms, p95 {BenchmarkDatabase.Percentile(samples, 95):F3} ms, p99 {BenchmarkDatabase.Percentile(samples, 99):F3} ms, max {samples[^1]:F3} ms"));
        return 0;
    }

    private static async Task<(long Rows, long Accounts)> SizeAsync(NpgsqlDataSource dataSource)
    {
        await using var cmd = dataSource.CreateCommand("SELECT (SELECT count(*) FROM transactions), (SELECT count(*) FROM accounts)");
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static int ArgValue(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
