using BankingLlm.Data.Security;
using BankingLlm.Data.Seeding;
using Microsoft.Extensions.Options;

namespace BankingLlm.Data;

/// <summary>
/// What the app checks and does before it serves: the key ring loads, the schema is current (migrated here for the
/// private cluster, or when Database:MigrateOnStart is true), and demo data exists in a private cluster.
/// </summary>
public sealed class DatabaseStartup(IOptions<DatabaseOptions> options, DatabaseMigrator migrator, DemoSeeder demo, KeyRingProvider keys)
{
    public async Task EnsureReadyAsync(CancellationToken ct = default)
    {
        _ = keys.Current; // a corrupt or missing key configuration fails here, before anything is served
        var o = options.Value;
        if (o.MigrateOnStart ?? o.UsesPrivateCluster)
        {
            await migrator.MigrateAsync(ct).ConfigureAwait(false);
        }
        else
        {
            var pending = await migrator.PendingAsync(ct).ConfigureAwait(false);
            if (pending.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The database schema is behind: {pending.Count} migration(s) pending ({string.Join(", ", pending)}). Run `dotnet run --project src/Assistant -- db migrate`, or set Database__MigrateOnStart=true.");
            }
        }
        if (o.SeedDemoDataOnStart ?? o.UsesPrivateCluster)
        {
            await demo.SeedIfEmptyAsync(ct: ct).ConfigureAwait(false);
        }
    }
}
