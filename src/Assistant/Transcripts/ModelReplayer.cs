using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>
/// `replay --replay-model FILE`: answers each model request from the recording, never calling the configured model.
/// A request with no recording, or whose masked history differs from the recorded one, fails the turn with a
/// message naming the request (the agent's safe "model unavailable" reply is what the customer would have seen).
/// Ids in a recorded answer (an action id the model echoes back) are mapped to this run's ids by position.
/// </summary>
public sealed class ModelReplayer(ModelRecording recording, ModelSessions sessions)
{
    private readonly Dictionary<(string, int), RecordedExchange> _byKey =
        recording.Exchanges.GroupBy(e => (e.Transcript, e.Sequence)).ToDictionary(g => g.Key, g => g.First());

    public IChatCompletionService Wrap(IChatCompletionService inner) => new Replaying(inner, this);

    private ChatMessageContent Answer(ChatHistory history)
    {
        if (sessions.NextRequest() is not { } key)
        {
            throw new InvalidOperationException("--replay-model serves transcript sessions only.");
        }
        var request = ModelRequestText.Render(history);
        if (!_byKey.TryGetValue(key, out var exchange))
        {
            return Miss(key, $"model request #{key.Sequence} has no recorded response in the --replay-model file (record it again with --record-model)");
        }
        if (exchange.RequestSha256 != ModelRecording.Hash(request))
        {
            return Miss(key, $"model request #{key.Sequence} differs from the recorded one ({(exchange.Request is { } recorded ? ModelRecording.FirstDifference(recorded, ModelRecording.Normalize(request)) : "no request text recorded")}); record it again with --record-model");
        }

        var ids = ModelRecording.Ids(request);
        string MapIds(string text) => ModelRecording.GuidPattern().Replace(text, m =>
        {
            var index = exchange.RequestIds.IndexOf(m.Value.ToLowerInvariant());
            return index >= 0 && index < ids.Count ? ids[index] : m.Value;
        });

        var reply = new ChatMessageContent(AuthorRole.Assistant, content: null) { ModelId = exchange.Reply.ModelId };
        if (!string.IsNullOrEmpty(exchange.Reply.Content))
        {
            reply.Items.Add(new TextContent(MapIds(exchange.Reply.Content)));
        }
        foreach (var call in exchange.Reply.ToolCalls)
        {
            var arguments = new KernelArguments();
            foreach (var (name, value) in call.Arguments ?? [])
            {
                arguments[name] = value.ValueKind switch
                {
                    JsonValueKind.String => MapIds(value.GetString()!),
                    JsonValueKind.Number => value.TryGetDecimal(out var d) ? d : value.GetDouble(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Null => null,
                    _ => MapIds(value.GetRawText()),
                };
            }
            reply.Items.Add(new FunctionCallContent(call.Function, call.Plugin, call.Id, arguments));
        }
        if (exchange.Reply.Metadata is { } metadata)
        {
            reply.Metadata = metadata.ToDictionary(m => m.Key, m => (object?)(m.Value.ValueKind switch
            {
                JsonValueKind.String => m.Value.GetString(),
                JsonValueKind.Number => m.Value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            }), StringComparer.Ordinal);
        }
        return reply;
    }

    private ChatMessageContent Miss((string Transcript, int Sequence) key, string message)
    {
        sessions.Miss(key.Transcript, message);
        // The agent treats it as an unavailable model: the turn ends with the safe reply and an audit row.
        throw new HttpOperationException(message);
    }

    private sealed class Replaying(IChatCompletionService inner, ModelReplayer owner) : IChatCompletionService
    {
        public IReadOnlyDictionary<string, object?> Attributes => inner.Attributes;

        public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ChatMessageContent>>([owner.Answer(chatHistory)]);

        // The hub streams remote models' replies: the recorded reply as one text update, then one update per call.
        public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var reply = owner.Answer(chatHistory);
            await Task.Yield();
            if (!string.IsNullOrEmpty(reply.Content))
            {
                yield return new StreamingChatMessageContent(AuthorRole.Assistant, reply.Content, modelId: reply.ModelId);
            }
            var index = 0;
            foreach (var call in reply.Items.OfType<FunctionCallContent>())
            {
                var update = new StreamingChatMessageContent(AuthorRole.Assistant, content: null, modelId: reply.ModelId);
                update.Items.Add(new StreamingFunctionCallUpdateContent(call.Id, $"{call.PluginName}-{call.FunctionName}", JsonSerializer.Serialize(call.Arguments), index++));
                yield return update;
            }
        }
    }
}
