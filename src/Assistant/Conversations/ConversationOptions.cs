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

    /// <summary>
    /// Decoded stored messages kept in memory across turns (HistoryCache), so a turn reads only what was written since
    /// the session's last one; 0 turns the cache off. A session's entry holds about what the token budget takes.
    /// </summary>
    [Range(0, 10_000_000)]
    public int HistoryCacheMessages { get; set; } = 50_000;

    /// <summary>A cached session's messages are dropped after this long without a turn.</summary>
    [Range(1, 24 * 60)]
    public int HistoryCacheMinutes { get; set; } = 10;

    /// <summary>A session with no activity for this long ends as abandoned (resolution incomplete).</summary>
    [Range(1, 24 * 60)]
    public int IdleTimeoutMinutes { get; set; } = 30;
}
