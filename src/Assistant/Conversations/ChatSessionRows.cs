using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.PiiGuard;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Assistant.Conversations;

/// <summary>What the turn and the handoff both need of a session's rows: the next message sequence and the guard's channel.</summary>
internal static class ChatSessionRows
{
    /// <summary>The sequence of the session's next message; call with the session row locked, inside the writing transaction.</summary>
    public static async Task<int> NextSequenceAsync(BankingDbContext db, Guid sessionId, CancellationToken ct) =>
        (await db.ChatMessages.Where(m => m.SessionId == sessionId).MaxAsync(m => (int?)m.Sequence, ct).ConfigureAwait(false) ?? 0) + 1;

    /// <summary>Voice sessions turn on the guard's spoken-form normalisation.</summary>
    public static PiiChannel PiiChannelOf(ChatChannel? channel) => channel == ChatChannel.Voice ? PiiChannel.Voice : PiiChannel.Chat;
}
