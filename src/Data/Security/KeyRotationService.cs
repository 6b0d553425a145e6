using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BankingLlm.Data.Security;

/// <summary>What one scheduled check did.</summary>
public sealed record KeyRotationOutcome(bool LockBusy, bool DataKeyRotated, bool HashKeyRotated, int Reencrypted, int Remaining);

/// <summary>
/// The seed's "keys rotated every 90 days", on a schedule inside `serve`: each check rotates the data key (and,
/// on its own longer lifetime, the ssn_hash HMAC key) when it is older than its period, then runs
/// <see cref="SsnReencryptionJob"/> in batches until every row is on the active versions. Resumable: a check
/// interrupted mid-way (stop, crash) leaves each row on either version, both readable, and the next check
/// finishes the move. One instance at a time (advisory lock). With keys from configuration, rotation is the
/// secret store's job; the schedule still re-encrypts onto whatever versions are active.
/// </summary>
public sealed class KeyRotationService(
    KeyRingProvider keys,
    SsnReencryptionJob reencryption,
    NpgsqlDataSource dataSource,
    IDbContextFactory<BankingDbContext> contexts,
    IOptions<KeyRotationOptions> options,
    TimeProvider clock,
    ILogger<KeyRotationService> logger) : BackgroundService
{
    public const string ServiceAccount = "key-rotation";

    /// <summary>One check: rotate what is due, then re-encrypt until done (or cancelled).</summary>
    public async Task<KeyRotationOutcome> RunOnceAsync(CancellationToken ct = default)
    {
        await using var gate = await MaintenanceLock.TryAcquireAsync(dataSource, MaintenanceLock.KeyRotation, ct).ConfigureAwait(false);
        if (gate is null)
        {
            KeyRotationLog.LockBusy(logger);
            return new KeyRotationOutcome(true, false, false, 0, -1);
        }
        var rotated = (DataKey: false, HashKey: false);
        if (keys.UsesConfiguredKeys)
        {
            KeyRotationLog.ConfiguredKeys(logger);
        }
        else
        {
            rotated = keys.RotateDue();
        }
        if (rotated.DataKey || rotated.HashKey)
        {
            var ring = keys.Current;
            KeyRotationLog.Rotated(logger, rotated.DataKey, rotated.HashKey, ring.ActiveDataKey.Version, ring.ActiveHashKey.Version);
            await AuditAsync(rotated.DataKey, rotated.HashKey, ring, ct).ConfigureAwait(false);
        }
        var progress = await reencryption.RunAsync(options.Value.BatchSize, ct: ct).ConfigureAwait(false);
        KeyRotationLog.ReencryptionFinished(logger, progress.Reencrypted, progress.Remaining);
        return new KeyRotationOutcome(false, rotated.DataKey, rotated.HashKey, progress.Reencrypted, progress.Remaining);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        !options.Value.Enabled
            ? Task.CompletedTask
            : MaintenanceSchedule.RunAsync(options.Value.InitialDelay, options.Value.CheckInterval, clock, RunOnceAsync, ex => KeyRotationLog.Failed(logger, ex), stoppingToken);

    private async Task AuditAsync(bool dataKey, bool hashKey, KeyRing ring, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        db.AuditLogs.Add(MaintenanceAudit.Row(ServiceAccount, AuditAction.Update, "key_ring", "rotation",
            oldValues: null,
            newValues: new { data_key_rotated = dataKey, hash_key_rotated = hashKey, active_data_key = ring.ActiveDataKey.Version, active_hash_key = ring.ActiveHashKey.Version },
            outcome: "rotated", clock.GetUtcNow()));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }
}
