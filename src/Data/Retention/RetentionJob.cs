using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace BankingLlm.Data.Retention;

/// <summary>Another process is running retention right now (the advisory lock is taken).</summary>
public sealed class RetentionBusyException() : Exception("Another retention run holds the lock (an app instance or a `retention run`); try again when it has finished.");

/// <summary>
/// Applies the retention table (<see cref="RetentionRule"/>): rows past their period are moved to the <c>archive</c>
/// schema (INSERT ... SELECT from DELETE ... RETURNING) or hard-deleted, in batches of one transaction each, so a
/// run stopped at any point has lost and duplicated nothing and the next run carries on. audit_logs and
/// compliance_events are not in the table: the application never deletes them. One run at a time across
/// instances (advisory lock); every run, dry or not, writes one audit row with its counts.
/// </summary>
public sealed class RetentionJob(
    NpgsqlDataSource dataSource,
    IDbContextFactory<BankingDbContext> contexts,
    IOptions<RetentionOptions> options,
    TimeProvider clock,
    ILogger<RetentionJob> logger)
{
    public const string ServiceAccount = "retention-job";

    /// <summary>
    /// Runs every rule. <paramref name="maxBatches"/> (per table) stops early; the next run resumes.
    /// <paramref name="batchSize"/> overrides <see cref="RetentionOptions.BatchSize"/>.
    /// </summary>
    /// <exception cref="RetentionBusyException">Another run holds the lock.</exception>
    public async Task<RetentionReport> RunAsync(bool dryRun = false, int? maxBatches = null, int? batchSize = null, CancellationToken ct = default)
    {
        var size = batchSize ?? options.Value.BatchSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(batchSize));
        await using var gate = await MaintenanceLock.TryAcquireAsync(dataSource, MaintenanceLock.Retention, ct).ConfigureAwait(false)
            ?? throw new RetentionBusyException();
        var runId = Guid.CreateVersion7();
        var now = clock.GetUtcNow().UtcDateTime;
        var results = new List<TableRetention>();
        foreach (var rule in RetentionRule.FromOptions(options.Value))
        {
            var cutoff = rule.Cutoff(now);
            var before = await CountAsync(rule, cutoff, ct).ConfigureAwait(false);
            var removed = new Dictionary<string, long>();
            if (!dryRun)
            {
                removed = await ApplyAsync(runId, rule, cutoff, size, maxBatches, ct).ConfigureAwait(false);
            }
            var after = await CountAsync(rule, cutoff, ct).ConfigureAwait(false);
            foreach (var table in before.Keys)
            {
                var (b, a) = (before[table], after[table]);
                results.Add(new TableRetention(table, b.Archives, b.Eligible, removed.GetValueOrDefault(table), a.Eligible, a.Held, b.Archive, a.Archive));
            }
        }
        var report = new RetentionReport(runId, dryRun, now, results);
        foreach (var t in report.Tables.Where(t => !t.Reconciles))
        {
            RetentionLog.NotReconciled(logger, runId, t.Table, t.Eligible, t.Removed, t.Remaining, t.Archived);
        }
        await AuditAsync(report, ct).ConfigureAwait(false);
        RetentionLog.Finished(logger, runId, dryRun, string.Join("; ", report.Tables.Select(t => $"{t.Table} {t.Removed}/{t.Eligible}")));
        return report;
    }

    private sealed record Counts(bool Archives, long Eligible, long Held, long Archive);

    /// <summary>Eligible and held rows of the rule's table and its dependents, and their archive sizes.</summary>
    private async Task<Dictionary<string, Counts>> CountAsync(RetentionRule rule, object cutoff, CancellationToken ct)
    {
        var held = rule.HeldWhere is null ? "false" : $"({rule.HeldWhere})";
        var counts = new Dictionary<string, Counts>
        {
            [rule.Table] = new(rule.Archives,
                await ScalarAsync($"SELECT count(*) FROM {rule.Table} x WHERE {rule.EligibleWhere}", cutoff, ct).ConfigureAwait(false),
                await ScalarAsync($"SELECT count(*) FROM {rule.Table} x WHERE {rule.EligibleWhere} AND {held}", cutoff, ct).ConfigureAwait(false),
                rule.Archives ? await ScalarAsync($"SELECT count(*) FROM archive.{rule.Table}", null, ct).ConfigureAwait(false) : 0),
        };
        foreach (var d in rule.Dependents)
        {
            var parents = $"SELECT x.{rule.Key} FROM {rule.Table} x WHERE {rule.EligibleWhere}";
            counts[d.Table] = new(d.Archives,
                await ScalarAsync($"SELECT count(*) FROM {d.Table} d WHERE d.{d.ForeignKey} IN ({parents})", cutoff, ct).ConfigureAwait(false),
                await ScalarAsync($"SELECT count(*) FROM {d.Table} d WHERE d.{d.ForeignKey} IN ({parents} AND {held})", cutoff, ct).ConfigureAwait(false),
                d.Archives ? await ScalarAsync($"SELECT count(*) FROM archive.{d.Table}", null, ct).ConfigureAwait(false) : 0);
        }
        return counts;
    }

    /// <summary>Batches until nothing eligible and unheld is left (or <paramref name="maxBatches"/>); rows removed per table.</summary>
    private async Task<Dictionary<string, long>> ApplyAsync(Guid runId, RetentionRule rule, object cutoff, int batchSize, int? maxBatches, CancellationToken ct)
    {
        var removed = new Dictionary<string, long> { [rule.Table] = 0 };
        foreach (var d in rule.Dependents)
        {
            removed[d.Table] = 0;
        }
        var columns = new Dictionary<string, string>();
        foreach (var table in removed.Keys)
        {
            columns[table] = await ColumnListAsync(table, ct).ConfigureAwait(false);
        }
        var held = rule.HeldWhere is null ? "" : $"AND NOT ({rule.HeldWhere})";
        var pick = $"""
            SELECT x.{rule.Key} FROM {rule.Table} x WHERE {rule.EligibleWhere} {held}
            ORDER BY x.{rule.Key} LIMIT @batch FOR UPDATE OF x SKIP LOCKED
            """;
        for (var batch = 0; maxBatches is null || batch < maxBatches; batch++)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            var ids = new List<Guid>();
            await using (var cmd = Command(connection, pick, cutoff))
            {
                cmd.Parameters.Add(new NpgsqlParameter<int>("batch", batchSize));
                await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    ids.Add(reader.GetGuid(0));
                }
            }
            if (ids.Count == 0)
            {
                break;
            }
            // Children first: their foreign keys point at the parent rows.
            foreach (var d in rule.Dependents)
            {
                removed[d.Table] += await RemoveAsync(connection, d.Table, d.ForeignKey, d.Archives, columns[d.Table], ids, ct).ConfigureAwait(false);
            }
            removed[rule.Table] += await RemoveAsync(connection, rule.Table, rule.Key, rule.Archives, columns[rule.Table], ids, ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            RetentionLog.Batch(logger, runId, rule.Table, ids.Count, removed[rule.Table]);
        }
        return removed;
    }

    /// <summary>Moves (or deletes) the rows whose <paramref name="key"/> is in <paramref name="ids"/>, in the caller's transaction.</summary>
    private static async Task<int> RemoveAsync(NpgsqlConnection connection, string table, string key, bool archives, string columns, List<Guid> ids, CancellationToken ct)
    {
        var sql = archives
            ? $"""
               WITH moved AS (DELETE FROM public.{table} WHERE {key} = ANY(@ids) RETURNING {columns})
               INSERT INTO archive.{table} ({columns}) SELECT {columns} FROM moved
               """
            : $"DELETE FROM public.{table} WHERE {key} = ANY(@ids)";
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. ids]));
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The live table's columns by name, so the archive copy does not depend on column order.</summary>
    private async Task<string> ColumnListAsync(string table, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
        return (string)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private async Task<long> ScalarAsync(string sql, object? cutoff, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = Command(connection, sql, cutoff);
        return (long)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object? cutoff)
    {
        var cmd = new NpgsqlCommand(sql, connection);
        switch (cutoff)
        {
            case DateTime at:
                cmd.Parameters.Add(new NpgsqlParameter("cutoff", NpgsqlDbType.Timestamp) { Value = DateTime.SpecifyKind(at, DateTimeKind.Unspecified) });
                break;
            case DateOnly day:
                cmd.Parameters.Add(new NpgsqlParameter("cutoff", NpgsqlDbType.Date) { Value = day });
                break;
        }
        return cmd;
    }

    private async Task AuditAsync(RetentionReport report, CancellationToken ct)
    {
        var row = MaintenanceAudit.Row(ServiceAccount, report.DryRun ? AuditAction.Read : AuditAction.Delete, "retention_run", report.RunId.ToString(),
            oldValues: null,
            newValues: new
            {
                dry_run = report.DryRun,
                reconciles = report.Reconciles,
                tables = report.Tables.Select(t => new { t.Table, t.Eligible, t.Removed, t.Archived, t.Remaining, t.Held }),
            },
            outcome: report.DryRun ? "dry_run" : "applied", clock.GetUtcNow());
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        db.AuditLogs.Add(row);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }
}
