using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace BankingLlm.Data;

/// <summary>
/// Applies EF migrations. Each migration runs in its own transaction (PostgreSQL DDL is transactional), so a
/// failure leaves the database at the last complete migration; concurrent callers are serialised by EF's lock.
/// </summary>
public sealed class DatabaseMigrator(IDbContextFactory<BankingDbContext> contexts, NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        try
        {
            // Creating the history table first keeps EF from logging a failed query on a brand-new database.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct).ConfigureAwait(false);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct).ConfigureAwait(false)).ToList();
            if (pending.Count > 0)
            {
                await db.Database.MigrateAsync(ct).ConfigureAwait(false);
                // New enum types were created in this session: reload them so the pool knows their OIDs.
                await dataSource.ReloadTypesAsync(ct).ConfigureAwait(false);
            }
            return pending;
        }
        catch (NpgsqlException ex)
        {
            throw new DatabaseUnavailableException(db.Database.GetConnectionString() ?? "", ex);
        }
    }

    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        try
        {
            if (!await db.GetService<IHistoryRepository>().ExistsAsync(ct).ConfigureAwait(false))
            {
                return [.. db.Database.GetMigrations()];
            }
            return [.. await db.Database.GetPendingMigrationsAsync(ct).ConfigureAwait(false)];
        }
        catch (NpgsqlException ex)
        {
            throw new DatabaseUnavailableException(db.Database.GetConnectionString() ?? "", ex);
        }
    }
}
