using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;

namespace BankingLlm.Assistant.Agent.Offline;

/// <summary>
/// The default model: rule-based, no network, deterministic. It reads the masked conversation, plans with
/// <see cref="OfflinePlanner"/>, returns <see cref="FunctionCallContent"/> for the agent loop to invoke through the
/// same filters as a real LLM's calls, and phrases the reply from the results with <see cref="OfflineReplyWriter"/>.
/// Its model id says what it is.
/// </summary>
public sealed class OfflineChatCompletionService(OfflinePlanner planner, OfflineReplyWriter writer) : IChatCompletionService
{
    public const string ModelName = "bankingllm-offline-rules";
    public const string Version = "1.0";

    /// <summary>Metadata keys on the reply: the intent and the classifier's confidence, for the session record.</summary>
    public const string IntentKey = "intent";
    public const string ConfidenceKey = "confidence";

    public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?>
    {
        [AIServiceExtensions.ModelIdKey] = ModelName,
        ["model_version"] = Version,
    };

    /// <summary>Account nicknames the planner should recognise, set by the host for the session's customer.</summary>
    public static readonly string NicknamesKey = "account_nicknames";

    public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chatHistory);
        var nicknames = kernel?.Data.TryGetValue(NicknamesKey, out var n) == true && n is IReadOnlyCollection<string> list ? list : [];
        return Task.FromResult<IReadOnlyList<ChatMessageContent>>([Respond(chatHistory, nicknames)]);
    }

    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reply = (await GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken).ConfigureAwait(false))[0];
        if (reply.Items.OfType<FunctionCallContent>().Any())
        {
            var index = 0;
            foreach (var call in reply.Items.OfType<FunctionCallContent>())
            {
                var update = new StreamingChatMessageContent(AuthorRole.Assistant, null, modelId: ModelName);
                update.Items.Add(new StreamingFunctionCallUpdateContent(call.Id, $"{call.PluginName}-{call.FunctionName}",
                    System.Text.Json.JsonSerializer.Serialize(call.Arguments), index++));
                yield return update;
            }
            yield break;
        }
        // Word-sized chunks of ~12 characters, as a streaming model would send them.
        foreach (var chunk in ReplyChunks.Split(reply.Content ?? "", first: 12, largest: 12))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new StreamingChatMessageContent(AuthorRole.Assistant, chunk, modelId: ModelName);
        }
    }

    public ChatMessageContent Respond(ChatHistory history, IReadOnlyCollection<string> nicknames)
    {
        var state = DialogueState.From(history);
        var plan = planner.Plan(state, nicknames);
        var done = state.CurrentTurnCalls;

        // Stop at the first refusal; otherwise make the next planned call; when all are made, phrase the reply.
        if (done.Any(c => c.IsRefusal || c.ResultString("status") == "error") || done.Count >= plan.Calls.Count)
        {
            var text = plan.Calls.Count == 0 ? plan.DirectReply ?? "" : writer.Write(done);
            return Message(text, plan);
        }
        var next = plan.Calls[done.Count];
        var message = Message(null, plan);
        var id = string.Create(CultureInfo.InvariantCulture, $"call_{history.Count}_{done.Count}");
        message.Items.Add(new FunctionCallContent(next.Function, next.Plugin, id, new KernelArguments(new Dictionary<string, object?>(next.Arguments, StringComparer.Ordinal))));
        return message;
    }

    private static ChatMessageContent Message(string? text, OfflinePlan plan) =>
        new(AuthorRole.Assistant, text, modelId: ModelName, metadata: new Dictionary<string, object?>
        {
            [IntentKey] = plan.Intent.ToString(),
            [ConfidenceKey] = plan.Confidence,
        });
}
