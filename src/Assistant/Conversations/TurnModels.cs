namespace BankingLlm.Assistant.Conversations;

/// <summary>A customer turn: a message, or an explicit confirm / cancel of the session's pending action.</summary>
public sealed record TurnRequest(Guid CustomerId, Guid SessionId, string? Text, Guid? ConfirmActionId = null, Guid? CancelActionId = null, string? RequestId = null);

/// <summary>The action awaiting the customer's confirmation after a turn.</summary>
public sealed record PendingActionInfo(Guid ActionId, string Summary, DateTime ExpiresAt);

/// <summary>
/// The outcome of a turn: the reply (masked for people), the tools the agent called, any pending action, and what
/// the model was given (masked) with the PII types found in the customer's message. While a member of staff holds the
/// session the message goes to them instead: ForwardedToStaff is what they are shown, and there is no reply.
/// </summary>
public sealed record TurnResult(string Reply, IReadOnlyList<string> Tools, PendingActionInfo? PendingAction, string MaskedText, IReadOnlyList<string> PiiTypes, RelayedMessage? ForwardedToStaff = null)
{
    /// <summary>How the agent ended the turn: replied, model_unavailable or loop_limit.</summary>
    public string Outcome { get; init; } = "replied";
}

/// <summary>A new session.</summary>
public sealed record SessionStarted(Guid SessionId, DateTime StartedAt);

/// <summary>An ended session.</summary>
public sealed record SessionEnded(Guid SessionId, DateTime EndedAt, int DurationSeconds);
