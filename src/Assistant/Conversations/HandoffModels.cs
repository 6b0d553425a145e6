namespace BankingLlm.Assistant.Conversations;

/// <summary>An open escalated session in the staff queue. No customer details: staff see them only by joining.</summary>
public sealed record EscalatedSession(
    Guid SessionId,
    string? Channel,
    string? ConversationType,
    int MessagesCount,
    DateTime? StartedAt,
    DateTime? LastActivityAt,
    Guid? HandledByUserId);

/// <summary>One message of a conversation as staff see it: masked the way the guard shows it to people.</summary>
public sealed record HandoffMessage(int Sequence, string Role, string Text, DateTime CreatedAt);

/// <summary>What a staff member gets on joining: the masked conversation so far; NewlyJoined is false on a re-join.</summary>
public sealed record HandoffJoined(Guid SessionId, bool NewlyJoined, IReadOnlyList<HandoffMessage> History);

/// <summary>A message relayed between customer and staff: what the other side is shown (display-masked).</summary>
public sealed record RelayedMessage(Guid SessionId, int Sequence, string Text, DateTime At, IReadOnlyList<string> PiiTypes);
