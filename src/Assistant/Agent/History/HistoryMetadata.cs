using Microsoft.SemanticKernel;

namespace BankingLlm.Assistant.Agent.History;

/// <summary>Metadata keys on chat history messages that the history trimmer honours.</summary>
public static class HistoryMetadata
{
    /// <summary>
    /// Marks a message that holds a pending confirmation (a money movement waiting for the customer's yes/no).
    /// The value is the pending action id. <see cref="ChatHistoryTrimmer"/> never drops such a message, nor the
    /// function call or result it is paired with.
    /// </summary>
    public const string PendingActionId = "pending_action_id";

    /// <summary>True when the message carries <see cref="PendingActionId"/> with a non-null value.</summary>
    public static bool IsPendingConfirmation(ChatMessageContent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Metadata is { } metadata
            && metadata.TryGetValue(PendingActionId, out var value)
            && value is not null;
    }

    /// <summary>Adds <see cref="PendingActionId"/> to the message's metadata, keeping any other entries.</summary>
    public static void MarkPendingConfirmation(ChatMessageContent message, string pendingActionId)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(pendingActionId);

        var metadata = message.Metadata is null
            ? new Dictionary<string, object?>(StringComparer.Ordinal)
            : new Dictionary<string, object?>(message.Metadata, StringComparer.Ordinal);
        metadata[PendingActionId] = pendingActionId;
        message.Metadata = metadata;
    }

    /// <summary>Removes the mark once the action was confirmed, cancelled or expired (the message may then be trimmed).</summary>
    public static void ClearPendingConfirmation(ChatMessageContent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Metadata is null || !message.Metadata.ContainsKey(PendingActionId))
        {
            return;
        }

        var metadata = new Dictionary<string, object?>(message.Metadata, StringComparer.Ordinal);
        metadata.Remove(PendingActionId);
        message.Metadata = metadata;
    }
}
