using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace BankingLlm.Assistant.Conversations;

/// <summary>
/// The decoded tail of recently active sessions' stored conversations, so that a turn reads from PostgreSQL only the
/// messages written since the session's last turn instead of reading and decoding its whole token budget's worth
/// again (each message stays in the budget for many turns). PostgreSQL stays the record: an entry only ever holds
/// rows as they were read, every turn reads what is newer (another instance, or staff, may have written), and
/// entries expire. Stored messages never change once written. The cached messages are shared between turns, so
/// nothing may modify them (<see cref="Agent.ChatHistoryPreparer"/> marks a copy). Bounded by
/// <see cref="ConversationOptions.HistoryCacheMessages"/> (0 turns it off).
/// </summary>
public sealed class HistoryCache : IDisposable
{
    /// <summary>One stored message and its sequence in the session.</summary>
    public readonly record struct StoredMessage(int Sequence, ChatMessageContent Message);

    /// <summary>
    /// A session's newest stored messages, newest first, as far back as its last turn needed; <see cref="ReachesStart"/>
    /// when they go back to the conversation's first message.
    /// </summary>
    public sealed record Entry(IReadOnlyList<StoredMessage> NewestFirst, bool ReachesStart)
    {
        public int LastSequence => NewestFirst.Count > 0 ? NewestFirst[0].Sequence : 0;
    }

    private readonly MemoryCache? _cache;
    private readonly TimeSpan _expiry;

    public HistoryCache(IOptions<ConversationOptions> options)
    {
        var o = options.Value;
        _expiry = TimeSpan.FromMinutes(o.HistoryCacheMinutes);
        _cache = o.HistoryCacheMessages > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = o.HistoryCacheMessages, TrackStatistics = true }) : null;
    }

    public Entry? Get(Guid sessionId) => _cache is not null && _cache.TryGetValue(sessionId, out Entry? entry) ? entry : null;

    public void Set(Guid sessionId, Entry entry)
    {
        if (_cache is null)
        {
            return;
        }
        _cache.Set(sessionId, entry, new MemoryCacheEntryOptions { Size = Math.Max(1, entry.NewestFirst.Count), SlidingExpiration = _expiry });
    }

    /// <summary>Forgets a session (ended, or not found).</summary>
    public void Remove(Guid sessionId) => _cache?.Remove(sessionId);

    /// <summary>Sessions and messages held now.</summary>
    public (long Sessions, long Messages) Held => _cache?.GetCurrentStatistics() is { } stats ? (stats.CurrentEntryCount, stats.CurrentEstimatedSize ?? 0) : (0, 0);

    /// <summary>Forgets every session (the load benchmark measures what the cache held this way).</summary>
    public void Clear() => _cache?.Clear();

    public void Dispose() => _cache?.Dispose();
}
