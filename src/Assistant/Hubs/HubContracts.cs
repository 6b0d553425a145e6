namespace BankingLlm.Assistant.Hubs;

/// <summary>StartSession's argument (HUB.md).</summary>
public sealed record StartSessionRequest(string Channel, string? DeviceType = null, string? Language = null);

/// <summary>StartSession's answer.</summary>
public sealed record StartSessionResponse(Guid SessionId, DateTime StartedAt);

/// <summary>A pending action the customer must confirm or cancel.</summary>
public sealed record PendingActionDto(Guid ActionId, string Summary, DateTime ExpiresAt);

/// <summary>
/// One item of a reply stream: <c>{ kind: "delta", text }</c> chunks, then one
/// <c>{ kind: "final", text, tools, pendingAction?, routedToStaff? }</c>. Extension (v1.1): <c>routedToStaff</c> is true
/// when a member of staff holds the session and the message went to them: no reply text, the answer comes as
/// <see cref="IChatClient.StaffMessage"/>.
/// </summary>
public sealed record ChatChunk(string Kind, string Text, IReadOnlyList<string>? Tools = null, PendingActionDto? PendingAction = null, bool? RoutedToStaff = null)
{
    public static ChatChunk Delta(string text) => new("delta", text);
}

/// <summary>EndSession's answer.</summary>
public sealed record EndSessionResponse(Guid SessionId, DateTime EndedAt, int DurationSeconds);

/// <summary>Messages the server pushes to a customer's connection outside a reply (extension v1.1, docs/hub.md).</summary>
public interface IChatClient
{
    /// <summary>A member of staff wrote to the customer (display-masked).</summary>
    Task StaffMessage(Guid sessionId, string text);

    /// <summary>Who answers now: <see cref="HandoffStates"/> staff_joined, assistant or waiting.</summary>
    Task Handoff(Guid sessionId, string state);
}
