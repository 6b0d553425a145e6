using System.ComponentModel.DataAnnotations;

namespace BankingLlm.Assistant.Conversations;

/// <summary>Limits of a conversation turn.</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Conversation";

    /// <summary>Longest customer message accepted; longer ones are refused before any model call.</summary>
    [Range(1, 100_000)]
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>Messages of a session loaded into the model's history (then trimmed to the token budget).</summary>
    [Range(2, 10_000)]
    public int MaxHistoryMessages { get; set; } = 200;

    /// <summary>
    /// Messages read per page, newest first; more pages are read only while the token budget is not yet filled or the
    /// pending action's message not yet found (see StoredHistoryReader).
    /// </summary>
    [Range(2, 10_000)]
    public int HistoryPageMessages { get; set; } = 40;

    /// <summary>A session with no activity for this long ends as abandoned (resolution incomplete).</summary>
    [Range(1, 24 * 60)]
    public int IdleTimeoutMinutes { get; set; } = 30;
}
