namespace BankingLlm.Data.Entities;

/// <summary>Extension table <c>chat_messages</c>: one turn of a conversation, masked text only.</summary>
public sealed class ChatMessage
{
    public Guid MessageId { get; set; }
    public Guid SessionId { get; set; }
    /// <summary>Order within the session, from 1.</summary>
    public int Sequence { get; set; }
    public ChatMessageRole Role { get; set; }
    /// <summary>The masked text: placeholders such as [SSN_1], never raw PII.</summary>
    public required string MaskedText { get; set; }
    /// <summary>Function calls and results of an assistant/tool message (masked JSON), for rebuilding history.</summary>
    public string? ToolCalls { get; set; }
    public int? TokenCount { get; set; }
    public DateTime CreatedAt { get; set; }
}
