using BankingLlm.Assistant.Agent.History;
using BankingLlm.Assistant.Agent.Providers;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Agent;

/// <summary>
/// Builds the history a model is given for a turn: the system prompt, the stored (masked) conversation and the new
/// masked message, trimmed to Model:TokenBudget. The message that holds the pending confirmation is marked so the
/// trimmer never drops it; a function call is never separated from its result.
/// </summary>
public sealed class ChatHistoryPreparer
{
    private readonly ModelOptions _options;
    private readonly ChatTokenCounter _counter;
    private readonly ChatHistoryTrimmer _trimmer;

    public ChatHistoryPreparer(IOptions<ModelOptions> options)
    {
        _options = options.Value;
        _counter = ChatTokenCounter.ForModel(_options.TokenizerModelId);
        _trimmer = new ChatHistoryTrimmer(_counter);
        ExecutionSettings = RemoteChatModels.CreateExecutionSettings(_options);
    }

    /// <summary>The request settings: function calling on, invocation left to our own loop.</summary>
    public PromptExecutionSettings ExecutionSettings { get; }

    public ChatHistory Prepare(string systemPrompt, IEnumerable<ChatMessageContent> stored, string maskedUserText, Guid? pendingActionId = null)
    {
        var history = new ChatHistory(systemPrompt);
        foreach (var message in stored)
        {
            // Stored messages may be shared with later turns (HistoryCache): the mark goes on this turn's copy.
            history.Add(pendingActionId is { } id && HoldsAction(message, id) ? MarkedCopy(message, id) : message);
        }
        history.AddUserMessage(maskedUserText);
        var trimmed = _trimmer.Trim(history, _options.TokenBudget);
        return trimmed.History;
    }

    /// <summary>
    /// True when stored messages (newest first) already fill the token budget and include the pending action's
    /// message: older messages would be trimmed away, so they need not be read.
    /// </summary>
    public bool Covers(IReadOnlyList<ChatMessageContent> newestFirst, Guid? pendingActionId) => CoveringCount(newestFirst, pendingActionId) is not null;

    /// <summary>
    /// How many of the stored messages (newest first) fill the token budget and include the pending action's
    /// message; null when all of them do not.
    /// </summary>
    public int? CoveringCount(IReadOnlyList<ChatMessageContent> newestFirst, Guid? pendingActionId)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        var tokens = ChatTokenCounter.TokensPerReplyPriming;
        var pendingFound = pendingActionId is null;
        for (var i = 0; i < newestFirst.Count; i++)
        {
            tokens += _counter.CountMessage(newestFirst[i]);
            pendingFound = pendingFound || HoldsAction(newestFirst[i], pendingActionId!.Value);
            if (pendingFound && tokens >= _options.TokenBudget)
            {
                return i + 1;
            }
        }
        return null;
    }

    private static ChatMessageContent MarkedCopy(ChatMessageContent message, Guid actionId)
    {
        var copy = new ChatMessageContent(message.Role, [.. message.Items], message.ModelId, message.InnerContent, message.Encoding, message.Metadata)
        {
            AuthorName = message.AuthorName,
        };
        HistoryMetadata.MarkPendingConfirmation(copy, actionId.ToString());
        return copy;
    }

    /// <summary>The message is the tool result that created the action (its result names the action id).</summary>
    private static bool HoldsAction(ChatMessageContent message, Guid actionId) =>
        message.Items.OfType<FunctionResultContent>().Any(r => (r.Result as string)?.Contains(actionId.ToString(), StringComparison.OrdinalIgnoreCase) == true);
}
