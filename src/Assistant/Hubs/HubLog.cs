namespace BankingLlm.Assistant.Hubs;

/// <summary>Hub log messages: exception types and counts, never message text or tokens.</summary>
internal static partial class HubLog
{
    [LoggerMessage(3001, LogLevel.Error, "A hub call failed ({ExceptionType})")]
    public static partial void TurnFailed(ILogger logger, string exceptionType, Exception exception);

    [LoggerMessage(3002, LogLevel.Warning, "Rate limit hit for {Principal}")]
    public static partial void RateLimited(ILogger logger, string principal);
}
