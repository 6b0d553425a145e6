namespace BankingLlm.Data.Retention;

/// <summary>A table that goes with its parent row: moved (or deleted) in the same batch, by its foreign key.</summary>
public sealed record DependentTable(string Table, string ForeignKey, bool Archives);

/// <summary>
/// One line of the retention table as SQL. <see cref="EligibleWhere"/> and <see cref="HeldWhere"/> are predicates on
/// the live row aliased <c>x</c>, with the cut-off as parameter <c>@cutoff</c>. Held rows are past the period but
/// still referenced by a row the bank keeps (a compliance event, a live transaction): they stay live, counted, until
/// the reference goes.
/// </summary>
public sealed record RetentionRule(
    string Table,
    string Key,
    bool Archives,
    string EligibleWhere,
    string? HeldWhere,
    IReadOnlyList<DependentTable> Dependents,
    Func<DateTime, object> Cutoff)
{
    /// <summary>The seed's table, in the order the job applies it (sessions free pending actions, transactions free accounts).</summary>
    public static IReadOnlyList<RetentionRule> FromOptions(RetentionOptions o) =>
    [
        new("chat_sessions", "session_id", Archives: true,
            EligibleWhere: "coalesce(x.last_activity_at, x.started_at) < @cutoff",
            HeldWhere: null,
            Dependents:
            [
                new("chat_messages", "session_id", Archives: true),
                // The vault holds the session's raw PII, encrypted: it exists to unmask a live conversation and is
                // destroyed, never archived.
                new("pii_vault", "session_id", Archives: false),
                new("pending_actions", "session_id", Archives: true),
            ],
            Cutoff: now => now.AddDays(-o.ChatSessionDays)),
        new("pii_detection_results", "result_id", Archives: false,
            EligibleWhere: "x.detected_at < @cutoff",
            HeldWhere: null,
            Dependents: [],
            Cutoff: now => now.AddDays(-o.PiiDetectionDays)),
        new("transactions", "transaction_id", Archives: true,
            EligibleWhere: "x.initiated_at < @cutoff",
            HeldWhere: """
                EXISTS (SELECT 1 FROM compliance_events c WHERE c.transaction_id = x.transaction_id)
                OR EXISTS (SELECT 1 FROM pending_actions p WHERE p.result_transaction_id = x.transaction_id)
                """,
            Dependents: [],
            Cutoff: now => now.AddYears(-o.TransactionYears)),
        new("accounts", "account_id", Archives: true,
            EligibleWhere: "x.status = 'closed' AND x.closed_date < @cutoff",
            HeldWhere: """
                EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = x.account_id)
                OR EXISTS (SELECT 1 FROM transactions t WHERE t.counterparty_account_id = x.account_id)
                OR EXISTS (SELECT 1 FROM compliance_events c WHERE c.account_id = x.account_id)
                OR EXISTS (SELECT 1 FROM pending_actions p WHERE p.from_account_id = x.account_id OR p.to_account_id = x.account_id)
                """,
            Dependents: [],
            Cutoff: now => DateOnly.FromDateTime(now).AddYears(-o.ClosedAccountYears)),
    ];
}
