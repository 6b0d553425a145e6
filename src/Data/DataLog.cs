using Microsoft.Extensions.Logging;

namespace BankingLlm.Data;

/// <summary>Log messages of the data layer: ids and counts, never values.</summary>
internal static partial class DataLog
{
    [LoggerMessage(1001, LogLevel.Information, "Re-encrypted {Count} SSNs ({Total} so far)")]
    public static partial void ReencryptedBatch(ILogger logger, int count, int total);

    [LoggerMessage(1002, LogLevel.Information, "Seeded {Customers} customers, {Accounts} accounts, {Transactions} transactions")]
    public static partial void Seeded(ILogger logger, int customers, int accounts, long transactions);

    [LoggerMessage(1003, LogLevel.Information, "Bulk seed progress: {Transactions} of {Target} transactions")]
    public static partial void BulkProgress(ILogger logger, long transactions, long target);
}
