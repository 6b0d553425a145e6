namespace BankingLlm.Data.Retention;

/// <summary>
/// What one table's rule did. <see cref="Eligible"/>: rows past the retention period when the run began;
/// <see cref="Removed"/>: rows taken out of the live table (archived first when <see cref="Archives"/>);
/// <see cref="Remaining"/>: rows past the period still live when the run ended (held by a reference, or left for
/// the next run); <see cref="Held"/>: of those, rows a kept record (a compliance event, a live transaction)
/// still references. The counts reconcile when Eligible = Removed + Remaining and, for archived tables, the
/// archive grew by exactly Removed.
/// </summary>
public sealed record TableRetention(
    string Table,
    bool Archives,
    long Eligible,
    long Removed,
    long Remaining,
    long Held,
    long ArchiveBefore,
    long ArchiveAfter)
{
    public long Archived => Archives ? ArchiveAfter - ArchiveBefore : 0;

    public bool Reconciles => Eligible == Removed + Remaining && (!Archives || Archived == Removed);
}

/// <summary>One run of the retention job: per-table counts, in the order the rules ran.</summary>
public sealed record RetentionReport(Guid RunId, bool DryRun, DateTime StartedAt, IReadOnlyList<TableRetention> Tables)
{
    public bool Reconciles => Tables.All(t => t.Reconciles);

    public TableRetention this[string table] => Tables.Single(t => t.Table == table);
}
