using Microsoft.Extensions.Logging;

namespace BankingLlm.Data.Retention;

/// <summary>Log messages of retention and anonymisation: table names, ids and counts, never values.</summary>
internal static partial class RetentionLog
{
    [LoggerMessage(1101, LogLevel.Information, "Retention {RunId}: {Table} batch of {Count} removed ({Total} so far)")]
    public static partial void Batch(ILogger logger, Guid runId, string table, int count, long total);

    [LoggerMessage(1102, LogLevel.Information, "Retention {RunId} finished (dry run: {DryRun}): {Summary}")]
    public static partial void Finished(ILogger logger, Guid runId, bool dryRun, string summary);

    [LoggerMessage(1103, LogLevel.Warning, "Retention {RunId}: counts of {Table} do not reconcile: eligible {Eligible}, removed {Removed}, remaining {Remaining}, archived {Archived}")]
    public static partial void NotReconciled(ILogger logger, Guid runId, string table, long eligible, long removed, long remaining, long archived);

    [LoggerMessage(1104, LogLevel.Information, "Retention skipped: another instance holds the retention lock")]
    public static partial void LockBusy(ILogger logger);

    [LoggerMessage(1105, LogLevel.Error, "Scheduled retention run failed; retrying at the next interval")]
    public static partial void ScheduledRunFailed(ILogger logger, Exception exception);

    [LoggerMessage(1106, LogLevel.Information, "Customer {CustomerId} anonymised ({VaultRows} vault rows destroyed)")]
    public static partial void Anonymised(ILogger logger, Guid customerId, int vaultRows);
}
