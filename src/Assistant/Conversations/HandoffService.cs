using System.Text.Json;
using BankingLlm.Assistant.Security;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.PiiGuard;
using BankingLlm.PiiGuard.Output;
using BankingLlm.Tools.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Conversations;

/// <summary>
/// The human handoff, all state in PostgreSQL (chat_sessions.handled_by_user_id, chat_messages) so customer and staff
/// may be connected to different instances. A session support.escalate_to_human flagged (resolution_type escalated,
/// not ended) can be joined by one staff member of a handling role at a time (audited); while joined, the customer's
/// messages go to that person instead of the model. Every message either way goes through the PII guard and is stored
/// masked; each side is shown the guard's display mask, never a raw value.
/// </summary>
public sealed class HandoffService(
    IDbContextFactory<BankingDbContext> contexts,
    IPiiGuard guard,
    IOptions<ConversationOptions> options,
    TimeProvider clock)
{
    public const int QueueSize = 100;

    public async Task<IReadOnlyList<EscalatedSession>> ListEscalatedAsync(Guid staffId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await RequireHandlerAsync(db, staffId, ct).ConfigureAwait(false);
        var rows = await db.ChatSessions.AsNoTracking()
            .Where(s => s.ResolutionType == ResolutionType.Escalated && s.EndedAt == null)
            .OrderBy(s => s.LastActivityAt).Take(QueueSize)
            .Select(s => new { s.SessionId, s.Channel, s.ConversationType, s.MessagesCount, s.StartedAt, s.LastActivityAt, s.HandledByUserId })
            .ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.Select(s => new EscalatedSession(s.SessionId, Wire(s.Channel), Wire(s.ConversationType), s.MessagesCount ?? 0, s.StartedAt, s.LastActivityAt, s.HandledByUserId))];
    }

    /// <summary>Takes an escalated session (or re-joins one this staff member holds) and returns its masked history.</summary>
    public async Task<HandoffJoined> JoinAsync(Guid staffId, Guid sessionId, CancellationToken ct)
    {
        var now = Now();
        var newly = false;
        await using (var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false))
        {
            await RequireHandlerAsync(db, staffId, ct).ConfigureAwait(false);
            await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            var session = await LockAsync(db, sessionId, ct).ConfigureAwait(false);
            // A session that is not escalated is answered like a missing one: staff see only what was handed to them.
            if (session is null || session.ResolutionType != ResolutionType.Escalated || session.EndedAt is not null)
            {
                throw ConversationException.SessionNotFound();
            }
            if (session.HandledByUserId is { } other && other != staffId)
            {
                throw new ConversationException("session_taken", "Another member of staff has joined this session.");
            }
            if (session.HandledByUserId is null)
            {
                session.HandledByUserId = staffId;
                session.HandoffStartedAt = now;
                session.LastActivityAt = now;
                db.AuditLogs.Add(Audit(staffId, session, "staff_joined", now));
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                newly = true;
            }
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        return new HandoffJoined(sessionId, newly, await HistoryAsync(sessionId, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// Leaves a joined session: back to the assistant (resolution cleared), or back to the queue for another member of
    /// staff when <paramref name="requeue"/>. Audited.
    /// </summary>
    public async Task LeaveAsync(Guid staffId, Guid sessionId, bool requeue, CancellationToken ct)
    {
        var now = Now();
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var session = await LockAsync(db, sessionId, ct).ConfigureAwait(false);
        if (session is null || session.HandledByUserId != staffId)
        {
            throw ConversationException.SessionNotFound();
        }
        session.HandledByUserId = null;
        session.HandoffStartedAt = null;
        session.LastActivityAt = now;
        if (session.EndedAt is null)
        {
            session.ResolutionType = requeue ? ResolutionType.Escalated : null;
        }
        db.AuditLogs.Add(Audit(staffId, session, requeue ? "staff_requeued" : "staff_handed_back", now));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>A staff member's message to the customer: guarded, stored masked (role staff), returned as the customer sees it.</summary>
    public async Task<RelayedMessage> StaffSayAsync(Guid staffId, Guid sessionId, string text, CancellationToken ct)
    {
        Validate(text);
        var relayed = await AppendAsync(sessionId, s => s.HandledByUserId == staffId, ChatMessageRole.Staff, text, "staff_message", ct).ConfigureAwait(false);
        return relayed ?? throw ConversationException.SessionNotFound();
    }

    /// <summary>
    /// The customer's message while a staff member holds the session: guarded, stored masked (role user) and returned as
    /// staff see it. Null when no one holds the session (any more): the model answers instead.
    /// </summary>
    public Task<RelayedMessage?> TryForwardCustomerMessageAsync(Guid customerId, Guid sessionId, string text, CancellationToken ct) =>
        AppendAsync(sessionId, s => s.CustomerId == customerId && s.HandledByUserId is not null, ChatMessageRole.User, text, "chat_message", ct);

    private async Task<RelayedMessage?> AppendAsync(Guid sessionId, Func<ChatSession, bool> allowed, ChatMessageRole role, string text, string sourceType, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var session = await LockAsync(db, sessionId, ct).ConfigureAwait(false);
        if (session is null || session.EndedAt is not null || !allowed(session))
        {
            return null;
        }
        var now = Now();
        var messageId = Guid.CreateVersion7();
        var channel = ChatSessionRows.PiiChannelOf(session.Channel);
        var guarded = await guard.ProcessMessageAsync(new PiiMessage(sessionId.ToString(), text, channel, sourceType, messageId.ToString()), ct).ConfigureAwait(false);
        var vault = guarded.Vault;
        var sequence = await ChatSessionRows.NextSequenceAsync(db, sessionId, ct).ConfigureAwait(false);
        db.ChatMessages.Add(new ChatMessage { MessageId = messageId, SessionId = sessionId, Sequence = sequence, Role = role, MaskedText = guarded.MaskedText, CreatedAt = now });
        session.MessagesCount = (session.MessagesCount ?? 0) + 1;
        session.LastActivityAt = now;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new RelayedMessage(sessionId, sequence, guard.MaskOutput(guarded.MaskedText, vault, OutputMaskStyle.DisplayMask), now,
            [.. guarded.MaskedTypes.Select(t => t.ToWireName())]);
    }

    private async Task<IReadOnlyList<HandoffMessage>> HistoryAsync(Guid sessionId, CancellationToken ct)
    {
        List<ChatMessage> rows;
        await using (var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false))
        {
            rows = await db.ChatMessages.AsNoTracking()
                .Where(m => m.SessionId == sessionId && m.MaskedText != ""
                    && (m.Role == ChatMessageRole.User || m.Role == ChatMessageRole.Assistant || m.Role == ChatMessageRole.Staff))
                .OrderBy(m => m.Sequence).ToListAsync(ct).ConfigureAwait(false);
        }
        var vault = await guard.GetVaultAsync(sessionId.ToString(), ct).ConfigureAwait(false);
        return [.. rows.Select(m => new HandoffMessage(m.Sequence, Wire<ChatMessageRole>(m.Role)!, guard.MaskOutput(m.MaskedText, vault, OutputMaskStyle.DisplayMask), m.CreatedAt))];
    }

    /// <summary>The token's staff member must still exist, be active and hold a handling role.</summary>
    private static async Task RequireHandlerAsync(BankingDbContext db, Guid staffId, CancellationToken ct)
    {
        var role = await db.Users.AsNoTracking().Where(u => u.UserId == staffId && u.IsActive).Select(u => (StaffRole?)u.Role).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        if (role is not { } r || !StaffRoles.MayHandle.Contains(r))
        {
            throw new ConversationException("unauthorized", "Sign in again.");
        }
    }

    // NO KEY UPDATE: serialises writers of the session (message sequence) without blocking the PII guard's inserts that
    // reference the session row.
    private static Task<ChatSession?> LockAsync(BankingDbContext db, Guid sessionId, CancellationToken ct) =>
        db.ChatSessions.FromSql($"SELECT * FROM chat_sessions WHERE session_id = {sessionId} FOR NO KEY UPDATE").SingleOrDefaultAsync(ct);

    private void Validate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ConversationException.InvalidArgument("The message is empty.");
        }
        if (text.Length > options.Value.MaxMessageLength)
        {
            throw new ConversationException("message_too_large", $"Messages are limited to {options.Value.MaxMessageLength} characters.");
        }
    }

    private static AuditLog Audit(Guid staffId, ChatSession session, string change, DateTime now) => new()
    {
        LogId = Guid.CreateVersion7(),
        UserId = staffId,
        Action = AuditAction.Update,
        EntityType = "chat_session",
        EntityId = session.SessionId.ToString(),
        NewValues = JsonSerializer.Serialize(new { handled_by_user_id = session.HandledByUserId, resolution_type = Wire(session.ResolutionType) }),
        ChangesSummary = JsonSerializer.Serialize(new { @event = change }),
        Status = AuditStatus.Success,
        CreatedAt = now,
        ComplianceRelevant = true,
        RetentionUntil = DateOnly.FromDateTime(now).AddYears(AuditRecorder.RetentionYears),
        CustomerId = session.CustomerId,
        SessionId = session.SessionId,
    };

    private DateTime Now()
    {
        // timestamp columns keep microseconds; truncate so the stored value is exactly the one written.
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
    }

    private static string? Wire<T>(T? value) where T : struct, Enum =>
        value is { } v ? JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()) : null;
}
