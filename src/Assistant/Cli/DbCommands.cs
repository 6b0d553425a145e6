using System.CommandLine;
using BankingLlm.Data;
using BankingLlm.Data.Seeding;

namespace BankingLlm.Assistant.Cli;

/// <summary>`db migrate` and `db seed`.</summary>
public static class DbCommands
{
    public static Command Create()
    {
        var db = new Command("db", "Database maintenance.");

        var migrate = new Command("migrate", "Apply pending migrations (each in its own transaction).");
        migrate.SetAction((_, ct) => CliErrors.RunAsync(async () =>
        {
            using var host = await CliHost.BuildAsync(ct);
            var applied = await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            Console.WriteLine(applied.Count == 0 ? "Database is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            await host.StopAsync(ct);
            return 0;
        }));

        var demo = new Option<bool>("--demo") { Description = "Seed the small demo data set (the demo customer and a few dozen others) if the database is empty." };
        var customers = new Option<int?>("--customers") { Description = "Number of customers to generate with binary COPY (for benchmarks)." };
        var transactions = new Option<long?>("--transactions") { Description = "Number of transactions to generate with binary COPY (e.g. 10000000)." };
        var seedValue = new Option<int>("--random-seed") { Description = "Random seed for generated data.", DefaultValueFactory = _ => 42 };
        var seed = new Command("seed", "Seed data: --demo, or --customers N --transactions M for a benchmark database.") { demo, customers, transactions, seedValue };
        seed.SetAction((result, ct) => CliErrors.RunAsync(async () =>
        {
            // Checked here, not in a validator: the action runs only once every value has parsed.
            if (SeedArgumentsError(result.GetValue(demo), result.GetValue(customers), result.GetValue(transactions)) is { } error)
            {
                await Console.Error.WriteLineAsync($"error: {error}");
                return 1;
            }
            using var host = await CliHost.BuildAsync(ct);
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            if (result.GetValue(demo))
            {
                var seeded = await host.Services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(ct: ct);
                Console.WriteLine(seeded ? "Demo data seeded." : "The database already has customers; demo data not added.");
            }
            else
            {
                var r = await host.Services.GetRequiredService<BulkSeeder>()
                    .SeedAsync(result.GetValue(customers)!.Value, result.GetValue(transactions) ?? 0, result.GetValue(seedValue), ct);
                Console.WriteLine($"Seeded {r.Customers} customers, {r.Accounts} accounts, {r.Transactions} transactions.");
            }
            await host.StopAsync(ct);
            return 0;
        }));

        db.Subcommands.Add(migrate);
        db.Subcommands.Add(seed);
        return db;
    }

    private static string? SeedArgumentsError(bool demo, int? customers, long? transactions) => (demo, customers, transactions) switch
    {
        (true, not null, _) or (true, _, not null) => "give either --demo, or --customers N (and optionally --transactions M), not both.",
        (false, null, null) => "give --demo, or --customers N (and optionally --transactions M).",
        (false, null, _) => "--transactions needs --customers.",
        (false, <= 0, _) => "--customers must be a positive number.",
        (false, _, < 0) => "--transactions cannot be negative.",
        _ => null,
    };
}
