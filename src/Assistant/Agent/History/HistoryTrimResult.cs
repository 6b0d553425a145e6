using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Agent.History;

/// <summary>What <see cref="ChatHistoryTrimmer.Trim"/> kept.</summary>
/// <param name="History">A new history with the kept messages, in their original order (same message instances).</param>
/// <param name="TokenCount">Tokens of <paramref name="History"/> as a request would send it (reply priming included).</param>
/// <param name="BudgetTokens">The budget asked for.</param>
/// <param name="DroppedMessages">How many messages were left out.</param>
/// <param name="RequiredExceedsBudget">
/// True when the messages that are always kept (system messages, the current turn from the latest user message on,
/// pending confirmations and their paired function calls/results) do not fit the budget on their own. They were kept
/// anyway, so <paramref name="TokenCount"/> is above <paramref name="BudgetTokens"/>; the caller decides whether to
/// send the request or to answer that the conversation is too long.
/// </param>
public sealed record HistoryTrimResult(
    ChatHistory History,
    int TokenCount,
    int BudgetTokens,
    int DroppedMessages,
    bool RequiredExceedsBudget)
{
    /// <summary>True when <see cref="TokenCount"/> fits <see cref="BudgetTokens"/>.</summary>
    public bool WithinBudget => TokenCount <= BudgetTokens;
}
