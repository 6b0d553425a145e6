using BankingLlm.Assistant.Agent;
using BankingLlm.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Conversations;

/// <summary>
/// Reads the part of a session's stored (masked) conversation that a turn can give the model: pages of the newest
/// messages, going back until they fill the token budget and include the pending action's message (anything older
/// would be trimmed anyway), or until the conversation's start or <see cref="ConversationOptions.MaxHistoryMessages"/>.
/// A read never stops on a tool result, so a function call is not separated from its result. A turn's cost thus
/// follows the budget, not the length of the conversation.
/// </summary>
public sealed class StoredHistoryReader(ChatHistoryPreparer preparer, IOptions<ConversationOptions> options)
{
    /// <summary>The messages, oldest first.</summary>
    public async Task<List<ChatMessageContent>> ReadAsync(BankingDbContext db, Guid sessionId, Guid? pendingActionId, CancellationToken ct)
    {
        var max = options.Value.MaxHistoryMessages;
        var newestFirst = new List<ChatMessageContent>();
        var before = int.MaxValue;
        while (newestFirst.Count < max)
        {
            var take = Math.Min(options.Value.HistoryPageMessages, max - newestFirst.Count);
            var page = await db.ChatMessages.AsNoTracking()
                .Where(m => m.SessionId == sessionId && m.Sequence < before)
                .OrderByDescending(m => m.Sequence).Take(take)
                .ToListAsync(ct).ConfigureAwait(false);
            newestFirst.AddRange(page.Select(ChatMessageCodec.FromRow));
            if (page.Count < take)
            {
                break; // the conversation's start
            }
            before = page[^1].Sequence;
            if (newestFirst[^1].Role != AuthorRole.Tool && preparer.Covers(newestFirst, pendingActionId))
            {
                break;
            }
        }
        newestFirst.Reverse();
        return newestFirst;
    }
}
