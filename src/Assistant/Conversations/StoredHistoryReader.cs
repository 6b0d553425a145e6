using BankingLlm.Assistant.Agent;
using BankingLlm.Data.Entities;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Npgsql;

namespace BankingLlm.Assistant.Conversations;

/// <summary>
/// Reads the part of a session's stored (masked) conversation that a turn can give the model: pages of the newest
/// messages, going back until they fill the token budget and include the pending action's message (anything older
/// would be trimmed anyway), or until the conversation's start or <see cref="ConversationOptions.MaxHistoryMessages"/>.
/// A read never stops on a tool result, so a function call is not separated from its result. A turn's cost thus
/// follows the budget, not the length of the conversation. The newest page can be read in the caller's own batch
/// (<see cref="NewestPageCommand"/>, then <see cref="ContinueAsync"/>).
/// </summary>
public sealed class StoredHistoryReader(ChatHistoryPreparer preparer, IOptions<ConversationOptions> options)
{
    private const string PageSql = """
        SELECT sequence, role, masked_text, tool_calls FROM chat_messages
        WHERE session_id = $1 AND sequence < $2
        ORDER BY sequence DESC LIMIT $3
        """;

    private int PageSize => Math.Min(options.Value.HistoryPageMessages, options.Value.MaxHistoryMessages);

    /// <summary>The command that reads the newest page, for a batch of the caller's.</summary>
    public NpgsqlBatchCommand NewestPageCommand(Guid sessionId) => PageCommand(sessionId, int.MaxValue, PageSize);

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

    /// <summary>The messages, oldest first.</summary>
    public async Task<List<ChatMessageContent>> ReadAsync(NpgsqlConnection connection, Guid sessionId, Guid? pendingActionId, CancellationToken ct) =>
        await ContinueAsync(connection, sessionId, pendingActionId, await ReadPageAsync(connection, sessionId, int.MaxValue, PageSize, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    /// <summary>Given the newest page (as <see cref="NewestPageCommand"/> read it), reads on as far as needed; the messages, oldest first.</summary>
    public async Task<List<ChatMessageContent>> ContinueAsync(NpgsqlConnection connection, Guid sessionId, Guid? pendingActionId, List<ChatMessage> newestPage, CancellationToken ct)
    {
        var max = options.Value.MaxHistoryMessages;
        var newestFirst = new List<ChatMessageContent>(newestPage.Count);
        var page = newestPage;
        var take = PageSize;
        while (true)
        {
            newestFirst.AddRange(page.Select(ChatMessageCodec.FromRow));
            if (page.Count < take)
            {
                break; // the conversation's start
            }
            if (newestFirst.Count >= max || (newestFirst[^1].Role != AuthorRole.Tool && preparer.Covers(newestFirst, pendingActionId)))
            {
                break;
            }
            take = Math.Min(PageSize, max - newestFirst.Count);
            page = await ReadPageAsync(connection, sessionId, page[^1].Sequence, take, ct).ConfigureAwait(false);
        }
        newestFirst.Reverse();
        return newestFirst;
    }

    private static async Task<List<ChatMessage>> ReadPageAsync(NpgsqlConnection connection, Guid sessionId, int before, int take, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { PageCommand(sessionId, before, take) } };
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await ReadPageAsync(reader, ct).ConfigureAwait(false);
    }

    private static NpgsqlBatchCommand PageCommand(Guid sessionId, int before, int take) =>
        TurnStore.Command(PageSql, TurnStore.Uuid(sessionId), new NpgsqlParameter<int> { TypedValue = before }, new NpgsqlParameter<int> { TypedValue = take });
}
