namespace BankingLlm.Assistant.Conversations;

/// <summary>Conversation log messages: counts and types only.</summary>
internal static partial class ConversationLog
{
    [LoggerMessage(4001, LogLevel.Information, "Ended {Count} idle session(s) as abandoned")]
    public static partial void SessionsAbandoned(ILogger logger, int count);

    [LoggerMessage(4002, LogLevel.Warning, "Idle-session sweep failed ({ExceptionType}); will retry")]
    public static partial void SweepFailed(ILogger logger, string exceptionType);
}
