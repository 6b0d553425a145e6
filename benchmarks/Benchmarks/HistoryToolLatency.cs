using System.Diagnostics;
using System.Globalization;
using BankingLlm.Data;
using BankingLlm.Data.Postgres;
using BankingLlm.Data.Entities;
using BankingLlm.Tools;
using BankingLlm.Tools.Kernel;
using BankingLlm.Tools.Scope;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Npgsql;

namespace BankingLlm.Benchmarks;

/// <summary>
/// transactions.get_recent_transactions (90 days, 50 rows) through the kernel and the audit filter, on the large
/// benchmark database, for the customers of the accounts with the most history. Reports p50/p95/p99.
/// Uses ConnectionStrings__Banking, or the private cluster in LocalPostgres__DataDirectory.
/// </summary>
public static class HistoryToolLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var calls = args.Length >= 2 && args[0] == "--calls" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000;
        await using var database = await BenchmarkDatabase.OpenAsync();
        var connectionString = database.ConnectionString;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Banking"] = connectionString,
            ["KeyRing:KeyFile"] = Environment.GetEnvironmentVariable("KeyRing__KeyFile") ?? Path.Combine(Path.GetTempPath(), $"bench-keys-{Guid.NewGuid():N}.json"),
        });
        builder.AddBankingData();
        builder.AddBankingTools();
        using var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();

        var targets = new List<(Guid Customer, string LastFour)>();
        await using (var cmd = host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("""
            SELECT a.customer_id, right(a.account_number, 4)
            FROM (SELECT account_id FROM transactions GROUP BY account_id ORDER BY count(*) DESC LIMIT 500) busy
            JOIN accounts a ON a.account_id = busy.account_id
            """))
        {
            cmd.CommandTimeout = 600;
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                targets.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }
        var kernel = new Kernel().AddBankingTools(host.Services);
        var random = new Random(11);
        var samples = new double[calls];
        for (var i = -200; i < calls; i++)
        {
            var (customer, lastFour) = targets[random.Next(targets.Count)];
            using var scope = CustomerScope.Begin(new CustomerSession(customer, null, Guid.NewGuid().ToString("N"), ChatChannel.Api));
            var start = Stopwatch.GetTimestamp();
            await kernel.InvokeAsync("transactions", "get_recent_transactions", new KernelArguments { ["account"] = "ending " + lastFour, ["days"] = 90, ["limit"] = 50 });
            if (i >= 0)
            {
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }
        Array.Sort(samples);
        double P(double p) => BenchmarkDatabase.Percentile(samples, p);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"transactions.get_recent_transactions via kernel + audit, busiest 500 accounts: {calls:N0} calls; p50 {P(50):F3} ms, p95 {P(95):F3} ms, p99 {P(99):F3} ms, max {samples[^1]:F3} ms"));
        return 0;
    }
}
