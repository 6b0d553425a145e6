using Npgsql;

namespace BankingLlm.Data.Queries;

/// <summary>
/// The seed's reference query: completed transactions of one account in the last 90 days, newest first, 50 rows.
/// Served by idx_transactions_account_status_initiated (an index range scan read backwards: no sort).
/// Note <c>now() AT TIME ZONE 'UTC'</c>: the column is <c>timestamp without time zone</c> holding UTC, and comparing
/// it with a bare <c>now()</c> (timestamptz) would cast the column and lose the index.
/// </summary>
public static class TransactionHistoryQuery
{
    public const string Sql = """
        SELECT t.transaction_id, t.amount, t.status, t.initiated_at
        FROM transactions t
        WHERE t.account_id = $1
          AND t.initiated_at > (now() AT TIME ZONE 'UTC') - INTERVAL '90 days'
          AND t.status = 'completed'
        ORDER BY t.initiated_at DESC
        LIMIT 50
        """;

    public sealed record Row(Guid TransactionId, decimal Amount, string Status, DateTime InitiatedAt);

    public static async Task<List<Row>> RunAsync(NpgsqlDataSource dataSource, Guid accountId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(Sql);
        cmd.Parameters.Add(new NpgsqlParameter { Value = accountId });
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new List<Row>(50);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(new Row(reader.GetGuid(0), reader.GetDecimal(1), reader.GetFieldValue<object>(2).ToString()!, DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc)));
        }
        return rows;
    }
}
