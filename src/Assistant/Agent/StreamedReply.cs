using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Agent;

/// <summary>
/// Adds streamed updates of one model round up to the reply they make: the text, the model id and the function
/// calls assembled from their fragments. Used wherever a streamed round must become one chat message.
/// </summary>
public sealed class StreamedReply
{
    private readonly FunctionCallContentBuilder calls = new();
    private readonly System.Text.StringBuilder text = new();
    private string? modelId;

    public void Append(StreamingChatMessageContent update)
    {
        modelId ??= update.ModelId;
        calls.Append(update);
        text.Append(update.Content);
    }

    /// <summary>The assistant message the updates so far add up to (content null when no text came).</summary>
    public ChatMessageContent Build()
    {
        var reply = new ChatMessageContent(AuthorRole.Assistant, text.Length == 0 ? null : text.ToString(), modelId);
        foreach (var call in calls.Build())
        {
            reply.Items.Add(call);
        }

        return reply;
    }
}
