namespace BankingLlm.Assistant.Hubs;

/// <summary>StartSession's argument (HUB.md).</summary>
public sealed record StartSessionRequest(string Channel, string? DeviceType = null, string? Language = null);

/// <summary>StartSession's answer.</summary>
public sealed record StartSessionResponse(Guid SessionId, DateTime StartedAt);

/// <summary>A pending action the customer must confirm or cancel.</summary>
public sealed record PendingActionDto(Guid ActionId, string Summary, DateTime ExpiresAt);

/// <summary>
/// One item of a reply stream: <c>{ kind: "delta", text }</c> chunks, then one
/// <c>{ kind: "final", text, tools, pendingAction? }</c>.
/// </summary>
public sealed record ChatChunk(string Kind, string Text, IReadOnlyList<string>? Tools = null, PendingActionDto? PendingAction = null)
{
    public static ChatChunk Delta(string text) => new("delta", text);
}

/// <summary>EndSession's answer.</summary>
public sealed record EndSessionResponse(Guid SessionId, DateTime EndedAt, int DurationSeconds);

/// <summary>Messages the server pushes to a customer's connection outside a reply (e.g. a staff member's message).</summary>
public interface IChatClient
{
    Task StaffMessage(Guid sessionId, string text);
}
