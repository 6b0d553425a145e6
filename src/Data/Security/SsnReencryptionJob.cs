using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BankingLlm.Data.Security;

/// <summary>
/// Re-encrypts <c>customers.ssn_encrypted</c> under the active data key (and re-hashes <c>ssn_hash</c> under the
/// active hash key) in batches, each batch its own transaction. Rows already on the active keys are skipped, so
/// the job is resumable: stop it at any point and run it again. Anonymised customers (no SSN left) are skipped.
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
                    WHERE (substring(ssn_encrypted from 1 for 5) <> {dataPrefix} OR ssn_hash NOT LIKE {hashPrefix + "%"})
                      AND ssn_hash NOT LIKE {SsnProtector.ErasedHashPrefix + "%"}
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

    /// <summary>How many rows are on each key version: SSN envelopes, SSN hashes and PII vault envelopes.</summary>
    public sealed record KeyUsage(IReadOnlyDictionary<int, long> SsnByDataKey, IReadOnlyDictionary<int, long> SsnByHashKey, long SsnErased, IReadOnlyDictionary<int, long> VaultByDataKey);

    public async Task<KeyUsage> UsageAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        // The envelope's bytes 2..5 are the key version, big-endian; the hash is "h{version}:...".
        const string envelopeVersion = "('x' || encode(substring({0} from 2 for 4), 'hex'))::bit(32)::int";
        var ssnData = await CountByVersionAsync(db, $"SELECT {string.Format(System.Globalization.CultureInfo.InvariantCulture, envelopeVersion, "ssn_encrypted")}, count(*) FROM customers WHERE get_byte(ssn_encrypted, 0) = 1 GROUP BY 1", ct).ConfigureAwait(false);
        var ssnHash = await CountByVersionAsync(db, "SELECT substring(ssn_hash from '^h([0-9]+):')::int, count(*) FROM customers WHERE ssn_hash ~ '^h[0-9]+:' GROUP BY 1", ct).ConfigureAwait(false);
        var vault = await CountByVersionAsync(db, $"SELECT {string.Format(System.Globalization.CultureInfo.InvariantCulture, envelopeVersion, "ciphertext")}, count(*) FROM pii_vault WHERE get_byte(ciphertext, 0) = 1 GROUP BY 1", ct).ConfigureAwait(false);
        var erased = await db.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM customers WHERE ssn_hash LIKE {SsnProtector.ErasedHashPrefix + "%"}").SingleAsync(ct).ConfigureAwait(false);
        return new KeyUsage(ssnData, ssnHash, erased, vault);
    }

    private static async Task<Dictionary<int, long>> CountByVersionAsync(BankingDbContext db, string sql, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        var counts = new Dictionary<int, long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            counts[reader.GetInt32(0)] = reader.GetInt64(1);
        }
        return counts;
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
                WHERE (substring(ssn_encrypted from 1 for 5) <> {dataPrefix} OR ssn_hash NOT LIKE {hashPrefix + "%"})
                      AND ssn_hash NOT LIKE {SsnProtector.ErasedHashPrefix + "%"}
                """)
            .SingleAsync(ct).ConfigureAwait(false);
    }
}
