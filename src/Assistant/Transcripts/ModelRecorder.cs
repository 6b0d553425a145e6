using BankingLlm.Assistant.Agent;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>`replay --record-model FILE`: wraps the configured model and writes every request's answer to FILE at the end of the run.</summary>
public sealed class ModelRecorder(string path, ModelSessions sessions)
{
    private readonly ConcurrentBag<RecordedExchange> _exchanges = [];
    private string? _model;

    public IChatCompletionService Wrap(IChatCompletionService inner)
    {
        _model = inner.GetModelId();
        return new Recording(inner, this);
    }

    public async Task SaveAsync()
    {
        var recording = new ModelRecording
        {
            Model = _model,
            Exchanges = [.. _exchanges.OrderBy(e => e.Transcript, StringComparer.Ordinal).ThenBy(e => e.Sequence)],
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(recording, ModelRecording.Json)).ConfigureAwait(false);
    }

    private void Add(string transcript, int sequence, string request, ChatMessageContent reply, ChatHistory history) =>
        _exchanges.Add(new RecordedExchange
        {
            Transcript = transcript,
            Sequence = sequence,
            RequestSha256 = ModelRecording.Hash(request),
            LastMessage = history.Count > 0 ? history[^1].Content : null,
            RequestIds = ModelRecording.Ids(request),
            Request = ModelRecording.Normalize(request),
            Reply = new RecordedReply
            {
                Content = reply.Content,
                ModelId = reply.ModelId,
                ToolCalls = [.. reply.Items.OfType<FunctionCallContent>().Select(c => new RecordedToolCall
                {
                    Id = c.Id,
                    Plugin = c.PluginName,
                    Function = c.FunctionName,
                    Arguments = c.Arguments?.ToDictionary(a => a.Key, a => JsonSerializer.SerializeToElement(a.Value), StringComparer.Ordinal),
                })],
                Metadata = reply.Metadata?.Where(m => m.Value is string or double or int or long or bool)
                    .ToDictionary(m => m.Key, m => JsonSerializer.SerializeToElement(m.Value), StringComparer.Ordinal),
            },
        });

    private sealed class Recording(IChatCompletionService inner, ModelRecorder owner) : IChatCompletionService
    {
        public IReadOnlyDictionary<string, object?> Attributes => inner.Attributes;

        public async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
        {
            var key = owner.NextKey();
            var request = ModelRequestText.Render(chatHistory);
            var replies = await inner.GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken).ConfigureAwait(false);
            if (key is { } k && replies.Count > 0)
            {
                owner.Add(k.Transcript, k.Sequence, request, replies[0], chatHistory);
            }
            return replies;
        }

        // The hub streams remote models' replies: record the reply the updates add up to, passing each update on.
        public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var key = owner.NextKey();
            var request = ModelRequestText.Render(chatHistory);
            var streamed = new StreamedReply();
            await foreach (var update in inner.GetStreamingChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken).ConfigureAwait(false))
            {
                streamed.Append(update);
                yield return update;
            }

            if (key is { } k)
            {
                var reply = streamed.Build();
                owner.Add(k.Transcript, k.Sequence, request, reply, chatHistory);
            }
        }
    }

    private (string Transcript, int Sequence)? NextKey() => sessions.NextRequest();
}
