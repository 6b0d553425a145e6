using BankingLlm.Assistant.Agent;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Npgsql;
using static BankingLlm.Assistant.Conversations.HistoryCache;

namespace BankingLlm.Assistant.Conversations;

/// <summary>
/// Reads the part of a session's stored (masked) conversation that a turn can give the model: the newest messages,
/// going back until they fill the token budget and include the pending action's message (anything older would be
/// trimmed anyway), or until the conversation's start or <see cref="ConversationOptions.MaxHistoryMessages"/>. It
/// never stops on a tool result, so a function call is not separated from its result. A turn's cost thus follows the
/// budget, not the length of the conversation. What the session's last turn read is kept decoded
/// (<see cref="HistoryCache"/>), so a turn reads only the messages written since, plus older pages if those are now
/// needed. The first read can go in the caller's own batch (<see cref="Start"/>, then <see cref="ContinueAsync"/>).
/// </summary>
public sealed class StoredHistoryReader(ChatHistoryPreparer preparer, HistoryCache cache, IOptions<ConversationOptions> options)
{
    private const string PageSql = """
        SELECT sequence, role, masked_text, tool_calls FROM chat_messages
        WHERE session_id = $1 AND sequence > $2 AND sequence < $3
        ORDER BY sequence DESC LIMIT $4
        """;

    /// <summary>A turn's history read in progress: what the cache held, and the command that reads what is newer.</summary>
    public sealed class Read
    {
        internal Read(Guid sessionId, Entry? cached, NpgsqlBatchCommand command) => (SessionId, Cached, Command) = (sessionId, cached, command);

        internal Guid SessionId { get; }

        internal Entry? Cached { get; }

        /// <summary>Add to the caller's batch; hand its rows (<see cref="ReadPageAsync(NpgsqlDataReader, CancellationToken)"/>) to <see cref="ContinueAsync"/>.</summary>
        public NpgsqlBatchCommand Command { get; }
    }

    private int PageSize => Math.Min(options.Value.HistoryPageMessages, options.Value.MaxHistoryMessages);

    /// <summary>Begins a read: the newest page, or only what is newer than the cached messages.</summary>
    public Read Start(Guid sessionId)
    {
        var cached = cache.Get(sessionId);
        return new Read(sessionId, cached, PageCommand(sessionId, after: cached?.LastSequence ?? 0, before: int.MaxValue, PageSize));
    }

    /// <summary>Drops what is cached of a session (ended, or gone).</summary>
    public void Forget(Guid sessionId) => cache.Remove(sessionId);

    /// <summary>The rows of a page command's result, newest first.</summary>
    public static async Task<List<ChatMessage>> ReadPageAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var rows = new List<ChatMessage>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(new ChatMessage
            {
                Sequence = reader.GetInt32(0),
                Role = reader.GetFieldValue<ChatMessageRole>(1),
                MaskedText = reader.GetString(2),
                ToolCalls = reader.IsDBNull(3) ? null : reader.GetString(3),
            });
        }
        return rows;
    }

    /// <summary>Reads the session's history on its own connection; the messages, oldest first.</summary>
    public async Task<List<ChatMessageContent>> ReadAsync(NpgsqlConnection connection, Guid sessionId, Guid? pendingActionId, CancellationToken ct)
    {
        var read = Start(sessionId);
        List<ChatMessage> rows;
        await using (var batch = new NpgsqlBatch(connection) { BatchCommands = { read.Command } })
        await using (var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            rows = await ReadPageAsync(reader, ct).ConfigureAwait(false);
        }
        return await ContinueAsync(connection, read, pendingActionId, rows, ct).ConfigureAwait(false);
    }

    /// <summary>Given the rows of <see cref="Read.Command"/>, reads older pages as far as needed; the messages, oldest first.</summary>
    public async Task<List<ChatMessageContent>> ContinueAsync(NpgsqlConnection connection, Read read, Guid? pendingActionId, List<ChatMessage> firstRows, CancellationToken ct)
    {
        var max = options.Value.MaxHistoryMessages;
        var newestFirst = new List<StoredMessage>(firstRows.Count + (read.Cached?.NewestFirst.Count ?? 0));
        newestFirst.AddRange(firstRows.Select(Decode));
        bool reachesStart;
        if (firstRows.Count == PageSize)
        {
            // A full page: older messages may follow (and the cached ones, if any, may not join on).
            reachesStart = false;
        }
        else if (read.Cached is { } cached)
        {
            newestFirst.AddRange(cached.NewestFirst);
            reachesStart = cached.ReachesStart;
        }
        else
        {
            reachesStart = true;
        }

        var messages = new List<ChatMessageContent>(newestFirst.Count);
        messages.AddRange(newestFirst.Select(m => m.Message));
        var needed = Needed(messages, pendingActionId, max);
        while (needed is null && !reachesStart)
        {
            var take = Math.Min(PageSize, max - newestFirst.Count);
            var page = await ReadPageAsync(connection, read.SessionId, newestFirst[^1].Sequence, take, ct).ConfigureAwait(false);
            var decoded = page.Select(Decode).ToList();
            newestFirst.AddRange(decoded);
            messages.AddRange(decoded.Select(m => m.Message));
            reachesStart = page.Count < take;
            needed = Needed(messages, pendingActionId, max);
        }

        var count = needed ?? newestFirst.Count;
        cache.Set(read.SessionId, new Entry(newestFirst.GetRange(0, count), reachesStart && count == newestFirst.Count));
        var oldestFirst = messages.GetRange(0, count);
        oldestFirst.Reverse();
        return oldestFirst;
    }

    /// <summary>
    /// How many of the messages (newest first) the turn needs: enough to fill the budget with the pending action's
    /// message, not ending on a tool result, at most <paramref name="max"/>; null when more should be read.
    /// </summary>
    private int? Needed(List<ChatMessageContent> newestFirst, Guid? pendingActionId, int max)
    {
        if (newestFirst.Count >= max)
        {
            return max;
        }
        if (preparer.CoveringCount(newestFirst, pendingActionId) is not { } count)
        {
            return null;
        }
        while (count < newestFirst.Count && newestFirst[count - 1].Role == AuthorRole.Tool)
        {
            count++; // the result's call comes with it
        }
        return newestFirst[count - 1].Role == AuthorRole.Tool ? null : count;
    }

    private static StoredMessage Decode(ChatMessage row) => new(row.Sequence, ChatMessageCodec.FromRow(row));

    private static async Task<List<ChatMessage>> ReadPageAsync(NpgsqlConnection connection, Guid sessionId, int before, int take, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { PageCommand(sessionId, after: 0, before, take) } };
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await ReadPageAsync(reader, ct).ConfigureAwait(false);
    }

    private static NpgsqlBatchCommand PageCommand(Guid sessionId, int after, int before, int take) =>
        Sql.Command(PageSql, Sql.Uuid(sessionId),
            new NpgsqlParameter<int> { TypedValue = after }, new NpgsqlParameter<int> { TypedValue = before }, new NpgsqlParameter<int> { TypedValue = take });
}
