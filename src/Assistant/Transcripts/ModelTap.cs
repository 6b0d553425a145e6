using System.Collections.Concurrent;
using BankingLlm.Tools.Scope;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>
/// Wraps the model of an in-process replay server and keeps, per chat session, the text of every request the
/// model was sent (already masked by the guard), so a replay can check that no raw PII reached the model. Only
/// the replay engine's own server registers it; the product's serve path never does.
/// </summary>
public sealed class ModelTap(IChatCompletionService inner) : IChatCompletionService
{
    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<string>> _requests = new();

    public IReadOnlyDictionary<string, object?> Attributes => inner.Attributes;

    /// <summary>Every request of the session so far, in order.</summary>
    public IReadOnlyList<string> RequestsOf(Guid sessionId) => _requests.TryGetValue(sessionId, out var q) ? [.. q] : [];

    public void Forget(Guid sessionId) => _requests.TryRemove(sessionId, out _);

    public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        Capture(chatHistory);
        return inner.GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken);
    }

    public IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        Capture(chatHistory);
        return inner.GetStreamingChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken);
    }

    private void Capture(ChatHistory history)
    {
        if (CustomerScope.Current?.SessionId is { } session)
        {
            _requests.GetOrAdd(session, _ => new ConcurrentQueue<string>()).Enqueue(ModelRequestText.Render(history));
        }
    }
}
