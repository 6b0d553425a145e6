using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BankingLlm.Data.Security;

/// <summary>
/// Re-encrypts <c>customers.ssn_encrypted</c> under the active data key (and re-hashes <c>ssn_hash</c> under the
/// active hash key) in batches, each batch its own transaction. Rows already on the active keys are skipped, so
/// the job is resumable: stop it at any point and run it again.
/// </summary>
public sealed class SsnReencryptionJob(IDbContextFactory<BankingDbContext> contexts, SsnProtector ssn, KeyRingProvider keys, ILogger<SsnReencryptionJob> logger)
{
    public sealed record Progress(int Reencrypted, int Remaining);

    public async Task<Progress> RunAsync(int batchSize = 500, int? maxBatches = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var ring = keys.Current;
        var dataPrefix = FieldEncryptor.KeyVersionPrefix(ring.ActiveDataKey.Version);
        var hashPrefix = $"h{ring.ActiveHashKey.Version}:";
        var total = 0;
        for (var batch = 0; maxBatches is null || batch < maxBatches; batch++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
            await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            var rows = await db.Customers
                .FromSql($"""
                    SELECT * FROM customers
                    WHERE substring(ssn_encrypted from 1 for 5) <> {dataPrefix} OR ssn_hash NOT LIKE {hashPrefix + "%"}
                    ORDER BY customer_id
                    LIMIT {batchSize}
                    FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(ct).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                break;
            }
            foreach (Customer customer in rows)
            {
                var plain = ssn.Decrypt(customer.CustomerId, customer.SsnEncrypted);
                customer.SsnEncrypted = ssn.Encrypt(customer.CustomerId, plain);
                customer.SsnHash = ssn.Hash(plain);
            }
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            total += rows.Count;
            DataLog.ReencryptedBatch(logger, rows.Count, total);
        }
        return new Progress(total, await RemainingAsync(ct).ConfigureAwait(false));
    }

    public async Task<int> RemainingAsync(CancellationToken ct = default)
    {
        var ring = keys.Current;
        var dataPrefix = FieldEncryptor.KeyVersionPrefix(ring.ActiveDataKey.Version);
        var hashPrefix = $"h{ring.ActiveHashKey.Version}:";
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.Database
            .SqlQuery<int>($"""
                SELECT count(*)::int AS "Value" FROM customers
                WHERE substring(ssn_encrypted from 1 for 5) <> {dataPrefix} OR ssn_hash NOT LIKE {hashPrefix + "%"}
                """)
            .SingleAsync(ct).ConfigureAwait(false);
    }
}
