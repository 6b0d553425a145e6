using System.Text.Json;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using Microsoft.SemanticKernel;
using Npgsql;
using NpgsqlTypes;

namespace BankingLlm.Assistant.Conversations;

/// <summary>
/// What a turn reads from and writes to PostgreSQL, each as one Npgsql batch: one round trip at the turn's start
/// (session, pending action, the history written since the session's last turn, account nicknames) and one at its end (session row, messages and,
/// when tools may have changed it, the pending action). The hot path of every message, hence plain SQL rather than
/// a DbContext: EF's query pipeline cost more CPU than the statements themselves.
/// </summary>
public sealed class TurnStore(NpgsqlDataSource dataSource, StoredHistoryReader historyReader)
{
    /// <summary>The columns of the session row a turn needs before it runs.</summary>
    public sealed record SessionState(Guid SessionId, ChatChannel? Channel, DateTime? EndedAt, Guid? HandledByUserId);

    /// <summary>Everything a turn reads before the guard and the model run.</summary>
    public sealed record TurnStart(SessionState Session, PendingActionInfo? Pending, List<ChatMessageContent> History, List<string> Nicknames);

    /// <summary>What a finished turn changes: its messages, in order, and the session row's new facts.</summary>
    public sealed record TurnEnd(Guid SessionId, Guid CustomerId, DateTime Now, IReadOnlyList<ChatMessage> Messages)
    {
        /// <summary>What the turn adds to messages_count: the customer's message and the reply (tool traffic is not counted).</summary>
        public int CountedMessages { get; init; } = 2;

        public required string ModelUsed { get; init; }

        public required string ModelVersion { get; init; }

        /// <summary>This turn's confidence score, appended to the session's list.</summary>
        public decimal? Confidence { get; init; }

        /// <summary>This turn's conversation type; the session keeps the more serious one (<see cref="ConversationTypeClassifier.BySeriousness"/>).</summary>
        public ConversationType? ConversationType { get; init; }

        public bool Escalated { get; init; }

        public bool Flagged { get; init; }

        public string? Intent { get; init; }

        public IReadOnlyList<string> Tools { get; init; } = [];

        /// <summary>Read the pending action again after the write (the turn's tools may have created or decided one).</summary>
        public bool ReadPending { get; init; }
    }

    private const string SessionSql =
        "SELECT channel, ended_at, handled_by_user_id FROM chat_sessions WHERE session_id = $1 AND customer_id = $2";

    private const string PendingSql = """
        SELECT action_id, summary, expires_at FROM pending_actions
        WHERE session_id = $1 AND customer_id = $2 AND status = $3 AND expires_at > $4
        ORDER BY created_at DESC LIMIT 1
        """;

    private const string NicknamesSql = "SELECT nickname FROM accounts WHERE customer_id = $1 AND nickname IS NOT NULL";

    /// <summary>
    /// The session row, updated relative to what it holds now (row-locked by the UPDATE, so a concurrent writer waits):
    /// counts add, the confidence list grows, the conversation type keeps the more serious, flags only ever set.
    /// </summary>
    private const string UpdateSessionSql = """
        UPDATE chat_sessions SET
          messages_count = coalesce(messages_count, 0) + $2,
          last_activity_at = $3,
          model_used = $4,
          model_version = $5,
          confidence_scores = CASE WHEN $6::numeric IS NULL THEN confidence_scores ELSE array_append(coalesce(confidence_scores, '{}'), $6::numeric) END,
          conversation_type = CASE
            WHEN $7::conversation_type IS NULL THEN conversation_type
            WHEN conversation_type IS NULL OR array_position($8::conversation_type[], $7::conversation_type) > array_position($8::conversation_type[], conversation_type) THEN $7::conversation_type
            ELSE conversation_type END,
          resolution_type = CASE WHEN $9 THEN 'escalated'::resolution_type ELSE resolution_type END,
          session_status = CASE WHEN $10 THEN 'flagged'::session_status ELSE session_status END,
          message_summary = jsonb_build_object('last_intent', $11::text, 'tools', $12::jsonb, 'turns', (coalesce(messages_count, 0) + $2) / 2)
        WHERE session_id = $1
        """;

    /// <summary>
    /// The turn's messages, numbered after the session's last one (the session row is locked by the UPDATE before it);
    /// none when the session is gone (then the UPDATE found no row either, and the turn fails as not found).
    /// </summary>
    private const string InsertMessagesSql = """
        INSERT INTO chat_messages (message_id, session_id, sequence, role, masked_text, tool_calls, created_at)
        SELECT m.message_id, $1, last.sequence + m.ordinality::int, m.role, m.masked_text, m.tool_calls::jsonb, $3
        FROM unnest($2::uuid[], $4::chat_message_role[], $5::text[], $6::text[]) WITH ORDINALITY AS m(message_id, role, masked_text, tool_calls, ordinality)
        CROSS JOIN (SELECT coalesce(max(sequence), 0) AS sequence FROM chat_messages WHERE session_id = $1) AS last
        WHERE EXISTS (SELECT 1 FROM chat_sessions WHERE session_id = $1)
        """;

    /// <summary>The session's conversation types from least to most serious, for the UPDATE's comparison.</summary>
    private static readonly ConversationType[] BySeriousness = ConversationTypeClassifier.BySeriousness();

    /// <summary>
    /// Reads the turn's start in one round trip; a long conversation may need more history pages after it. Null
    /// when the session does not exist or is another customer's (answered alike).
    /// </summary>
    public async Task<TurnStart?> ReadAsync(Guid customerId, Guid sessionId, DateTime now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        SessionState? session = null;
        PendingActionInfo? pending = null;
        List<ChatMessage> newestRows;
        var historyRead = historyReader.Start(sessionId);
        var nicknames = new List<string>();
        await using (var batch = new NpgsqlBatch(connection))
        {
            batch.BatchCommands.Add(Sql.Command(SessionSql, Sql.Uuid(sessionId), Sql.Uuid(customerId)));
            batch.BatchCommands.Add(PendingCommand(sessionId, customerId, now));
            batch.BatchCommands.Add(historyRead.Command);
            batch.BatchCommands.Add(Sql.Command(NicknamesSql, Sql.Uuid(customerId)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                session = new SessionState(sessionId,
                    reader.IsDBNull(0) ? null : reader.GetFieldValue<ChatChannel>(0),
                    reader.IsDBNull(1) ? null : Sql.Utc(reader.GetDateTime(1)),
                    reader.IsDBNull(2) ? null : reader.GetGuid(2));
            }
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            pending = await ReadPendingAsync(reader, ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            newestRows = await StoredHistoryReader.ReadPageAsync(reader, ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                nicknames.Add(reader.GetString(0));
            }
        }
        if (session is null)
        {
            historyReader.Forget(sessionId);
            return null;
        }
        var history = await historyReader.ContinueAsync(connection, historyRead, pending?.ActionId, newestRows, ct).ConfigureAwait(false);
        return new TurnStart(session, pending, history, nicknames);
    }

    /// <summary>
    /// Writes the turn in one round trip: the batch runs as one implicit transaction, so the session row and the
    /// messages are stored together or not at all. Returns the live pending action when <see cref="TurnEnd.ReadPending"/>.
    /// </summary>
    public async Task<PendingActionInfo?> SaveAsync(TurnEnd turn, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Sql.Command(UpdateSessionSql,
            Sql.Uuid(turn.SessionId),
            new NpgsqlParameter<int> { TypedValue = turn.CountedMessages },
            Sql.UtcTimestamp(turn.Now),
            new NpgsqlParameter<string> { TypedValue = turn.ModelUsed },
            new NpgsqlParameter<string> { TypedValue = turn.ModelVersion },
            new NpgsqlParameter { Value = (object?)turn.Confidence ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Numeric },
            new NpgsqlParameter { Value = (object?)turn.ConversationType ?? DBNull.Value, DataTypeName = "conversation_type" },
            new NpgsqlParameter<ConversationType[]> { TypedValue = BySeriousness },
            new NpgsqlParameter<bool> { TypedValue = turn.Escalated },
            new NpgsqlParameter<bool> { TypedValue = turn.Flagged },
            new NpgsqlParameter { Value = (object?)turn.Intent ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(turn.Tools) }));
        batch.BatchCommands.Add(Sql.Command(InsertMessagesSql,
            Sql.Uuid(turn.SessionId),
            new NpgsqlParameter<Guid[]> { TypedValue = [.. turn.Messages.Select(m => m.MessageId)] },
            Sql.UtcTimestamp(turn.Now),
            new NpgsqlParameter<ChatMessageRole[]> { TypedValue = [.. turn.Messages.Select(m => m.Role)] },
            new NpgsqlParameter<string[]> { TypedValue = [.. turn.Messages.Select(m => m.MaskedText)] },
            new NpgsqlParameter<string?[]> { TypedValue = [.. turn.Messages.Select(m => m.ToolCalls)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text }));
        if (turn.ReadPending)
        {
            batch.BatchCommands.Add(PendingCommand(turn.SessionId, turn.CustomerId, turn.Now));
        }
        PendingActionInfo? pending = null;
        await using (var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            // The reader skips the UPDATE and INSERT (no rows): it starts on the pending action's result, if read.
            if (turn.ReadPending)
            {
                pending = await ReadPendingAsync(reader, ct).ConfigureAwait(false);
            }
            while (await reader.NextResultAsync(ct).ConfigureAwait(false))
            {
            }
        }
        return batch.BatchCommands[0].RecordsAffected == 1 ? pending : throw ConversationException.SessionNotFound();
    }

    private static NpgsqlBatchCommand PendingCommand(Guid sessionId, Guid customerId, DateTime now) =>
        Sql.Command(PendingSql, Sql.Uuid(sessionId), Sql.Uuid(customerId), new NpgsqlParameter<PendingActionStatus> { TypedValue = PendingActionStatus.Pending }, Sql.UtcTimestamp(now));

    private static async Task<PendingActionInfo?> ReadPendingAsync(NpgsqlDataReader reader, CancellationToken ct) =>
        await reader.ReadAsync(ct).ConfigureAwait(false)
            ? new PendingActionInfo(reader.GetGuid(0), reader.GetString(1), Sql.Utc(reader.GetDateTime(2)))
            : null;
}
