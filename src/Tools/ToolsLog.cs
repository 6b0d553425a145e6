using Microsoft.Extensions.Logging;

namespace BankingLlm.Tools;

/// <summary>Log events of the tools (ids and counts only; never amounts with names, account numbers or text).</summary>
internal static partial class ToolsLog
{
    [LoggerMessage(4001, LogLevel.Information, "Tool {Tool} refused ({Code}).")]
    public static partial void ToolRefused(ILogger logger, string tool, string code);

    [LoggerMessage(4002, LogLevel.Warning, "Tool {Tool} failed with {ExceptionType}.")]
    public static partial void ToolFailed(ILogger logger, string tool, string exceptionType);

    [LoggerMessage(4003, LogLevel.Information, "Action {ActionId} executed as transaction {TransactionId}.")]
    public static partial void ActionExecuted(ILogger logger, Guid actionId, Guid transactionId);

    [LoggerMessage(4004, LogLevel.Debug, "Posting of action {ActionId} hit {SqlState}; attempt {Attempt} of {MaxAttempts}.")]
    public static partial void PostingRetry(ILogger logger, Guid actionId, string sqlState, int attempt, int maxAttempts);

    [LoggerMessage(4005, LogLevel.Information, "Compliance monitor raised {Rule} event {EventId}.")]
    public static partial void MonitorRaised(ILogger logger, string rule, Guid eventId);

    [LoggerMessage(4006, LogLevel.Warning, "Sanctions screening uses the embedded SAMPLE list ({Count} names): set Tools:SanctionsListPath to the OFAC sdn.csv in production.")]
    public static partial void SampleSanctionsList(ILogger logger, int count);

    [LoggerMessage(4007, LogLevel.Information, "Sanctions list loaded: {Count} names from {Entries} entries.")]
    public static partial void SanctionsListLoaded(ILogger logger, int count, int entries);

    [LoggerMessage(4008, LogLevel.Information, "Action {ActionId} held for review.")]
    public static partial void ActionHeld(ILogger logger, Guid actionId);
}
