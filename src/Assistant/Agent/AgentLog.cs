namespace BankingLlm.Assistant.Agent;

/// <summary>Agent log messages: names, counts and exception types; never message text, arguments or PII.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(2001, LogLevel.Warning, "Model call failed ({ExceptionType}); the turn ends with the fallback reply")]
    public static partial void ModelFailed(ILogger logger, string exceptionType);

    [LoggerMessage(2002, LogLevel.Warning, "Agent loop limit of {Rounds} rounds reached")]
    public static partial void LoopLimit(ILogger logger, int rounds);

    [LoggerMessage(2003, LogLevel.Warning, "Tool {Tool} failed ({ExceptionType})")]
    public static partial void ToolFailed(ILogger logger, string tool, string exceptionType);

    [LoggerMessage(2004, LogLevel.Warning, "Rejected tool call {Plugin}.{Function}: {Reason}")]
    public static partial void InvalidToolCall(ILogger logger, string plugin, string function, string reason);
}
