namespace BankingLlm.Assistant.Agent;

/// <summary>How a turn ended.</summary>
public enum AgentOutcome
{
    Replied,
    ModelUnavailable,
    LoopLimit,
}

/// <summary>
/// The agent's answer to one turn. <see cref="NewMessages"/> are the messages the turn added to the history
/// (assistant function calls, tool results, the final reply), all masked, for the conversation store.
/// </summary>
public sealed record AgentTurnResult(
    string Reply,
    AgentOutcome Outcome,
    IReadOnlyList<string> ToolsCalled,
    IReadOnlyList<Microsoft.SemanticKernel.ChatMessageContent> NewMessages,
    string? Intent,
    double? Confidence);
