using Npgsql;

namespace BankingLlm.Tools.Audit;

/// <summary>The outcome of an audit chain check.</summary>
public sealed record AuditChainReport(bool Intact, long RowsChecked, long? FirstBrokenSequenceNo, Guid? FirstBrokenLogId, string? Reason);

/// <summary>
/// Recomputes the audit hash chain in the database (the same function the insert trigger uses) and reports the
/// first broken row: a row whose content no longer matches its hash (edited), or whose prev_hash is not the hash of
/// the row before it (a row inserted or deleted). The first surviving row may carry any prev_hash, since retention
/// deletes the oldest rows.
/// </summary>
public sealed class AuditChainVerifier(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        WITH chain AS (
          SELECT a.sequence_no, a.log_id, a.prev_hash, a.row_hash,
                 lag(a.row_hash) OVER (ORDER BY a.sequence_no) AS expected_prev,
                 row_number() OVER (ORDER BY a.sequence_no) AS n,
                 audit_log_hash(a, a.prev_hash) AS recomputed
          FROM audit_logs a
        )
        SELECT (SELECT count(*) FROM audit_logs) AS total, b.sequence_no, b.log_id,
               CASE WHEN b.row_hash IS NULL THEN 'row has no hash'
                    WHEN b.row_hash IS DISTINCT FROM b.recomputed THEN 'row content does not match its hash (edited)'
                    ELSE 'prev_hash does not match the previous row (row inserted or deleted)' END AS reason
        FROM (SELECT 1) one
        LEFT JOIN LATERAL (
          SELECT * FROM chain c
          WHERE c.row_hash IS NULL OR c.row_hash IS DISTINCT FROM c.recomputed
             OR (c.n > 1 AND c.prev_hash IS DISTINCT FROM c.expected_prev)
          ORDER BY c.sequence_no LIMIT 1
        ) b ON true
        """;

    public async Task<AuditChainReport> VerifyAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(Sql);
        cmd.CommandTimeout = 0;
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        var total = reader.GetInt64(0);
        if (reader.IsDBNull(1))
        {
            return new AuditChainReport(true, total, null, null, null);
        }
        return new AuditChainReport(false, total, reader.GetInt64(1), reader.GetGuid(2), reader.GetString(3));
    }
}
