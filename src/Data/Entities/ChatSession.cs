namespace BankingLlm.Data.Entities;

/// <summary>One conversation (seed table <c>chat_sessions</c>).</summary>
public sealed class ChatSession
{
    public Guid SessionId { get; set; }
    public Guid CustomerId { get; set; }

    public SessionStatus? SessionStatus { get; set; }
    public ConversationType? ConversationType { get; set; }

    public int? MessagesCount { get; set; }
    public string? MessageSummary { get; set; }

    public string? ModelUsed { get; set; }
    public string? ModelVersion { get; set; }
    public decimal[]? ConfidenceScores { get; set; }

    public DateTime? StartedAt { get; set; }
    public DateTime? LastActivityAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public int? DurationSeconds { get; set; }

    public ResolutionType? ResolutionType { get; set; }

    public string? DeviceType { get; set; }
    public ChatChannel? Channel { get; set; }
    public string? Tags { get; set; }

    /// <summary>Extension: the language the customer chose at start (BCP 47).</summary>
    public string? Language { get; set; }

    /// <summary>Extension: the staff member (users) who has joined this escalated session; null while the assistant answers.</summary>
    public Guid? HandledByUserId { get; set; }

    /// <summary>Extension: when <see cref="HandledByUserId"/> joined.</summary>
    public DateTime? HandoffStartedAt { get; set; }

    public List<ChatMessage> Messages { get; set; } = [];
}
