using System.Globalization;
using System.Text.Json;
using BankingLlm.Assistant.Agent;
using BankingLlm.Assistant.Agent.Offline;
using BankingLlm.Assistant.Agent.Prompts;
using BankingLlm.Assistant.Scaling;
using BankingLlm.Assistant.Telemetry;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.PiiGuard;
using BankingLlm.PiiGuard.Output;
using BankingLlm.Tools.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;

namespace BankingLlm.Assistant.Conversations;

/// <summary>
/// The path of one message: session check, PII guard (mask, vault, record), history, agent (per-turn kernel and
/// filters), output guard, then the masked conversation and the session row stored. Conversation state lives in
/// PostgreSQL, so any instance can continue any session.
/// </summary>
public sealed class ConversationService(
    IDbContextFactory<BankingDbContext> contexts,
    IPiiGuard guard,
    AgentKernelFactory kernels,
    AgentLoop loop,
    IChatCompletionService model,
    ChatHistoryPreparer historyPreparer,
    StoredHistoryReader historyReader,
    PromptCatalog prompts,
    HandoffService handoff,
    ISessionLock sessionLock,
    AssistantTelemetry telemetry,
    TimeProvider clock,
    IEnumerable<IChannelReplyFormatter> formatters)
{
    public string ModelId => model.GetModelId() ?? "unknown";

    public async Task<SessionStarted> StartSessionAsync(Guid customerId, ChatChannel channel, string? deviceType = null, string? language = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        if (!await db.Customers.AnyAsync(c => c.CustomerId == customerId && c.DeletedAt == null, ct).ConfigureAwait(false))
        {
            throw ConversationException.InvalidArgument("Unknown customer.");
        }
        var session = new ChatSession
        {
            SessionId = Guid.CreateVersion7(),
            CustomerId = customerId,
            SessionStatus = SessionStatus.Active,
            Channel = channel,
            DeviceType = deviceType is { Length: > 50 } ? deviceType[..50] : deviceType,
            Language = language is { Length: > 10 } ? language[..10] : language,
            MessagesCount = 0,
            StartedAt = now,
            LastActivityAt = now,
            ModelUsed = ModelId,
            ModelVersion = ModelVersion(),
        };
        db.ChatSessions.Add(session);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new SessionStarted(session.SessionId, now);
    }

    public async Task<SessionEnded> EndSessionAsync(Guid customerId, Guid sessionId, ResolutionType? resolution, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var session = await OwnedSessionAsync(db, customerId, sessionId, ct).ConfigureAwait(false);
        if (session.EndedAt is null)
        {
            session.EndedAt = now;
            session.DurationSeconds = (int)Math.Max(0, (now - (session.StartedAt ?? now)).TotalSeconds);
            session.ResolutionType ??= resolution ?? ResolutionType.Resolved;
            if (resolution is not null)
            {
                session.ResolutionType = resolution;
            }
            if (session.SessionStatus == SessionStatus.Active)
            {
                session.SessionStatus = session.ResolutionType == ResolutionType.Incomplete ? SessionStatus.Abandoned : SessionStatus.Completed;
            }
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        return new SessionEnded(session.SessionId, session.EndedAt.Value, session.DurationSeconds ?? 0);
    }

    /// <summary>Runs one turn; the reply is returned whole.</summary>
    public Task<TurnResult> RunTurnAsync(TurnRequest request, CancellationToken ct = default) => RunTurnLockedAsync(request, null, ct);

    /// <summary>
    /// Runs one turn. With <paramref name="replyDeltas"/>, a streaming model's reply goes there as it is written,
    /// through the output guard (so a value split across chunks never leaks); the result's reply stays the whole,
    /// authoritative text.
    /// </summary>
    public Task<TurnResult> RunTurnAsync(TurnRequest request, Func<string, CancellationToken, ValueTask> replyDeltas, CancellationToken ct = default) =>
        RunTurnLockedAsync(request, replyDeltas ?? throw new ArgumentNullException(nameof(replyDeltas)), ct);

    private async Task<TurnResult> RunTurnLockedAsync(TurnRequest request, Func<string, CancellationToken, ValueTask>? replyDeltas, CancellationToken ct)
    {
        using var measurement = telemetry.StartTurn();
        try
        {
            // Turns of one session run one at a time, across instances when Redis is configured.
            await using var held = await sessionLock.AcquireAsync(request.SessionId, ct).ConfigureAwait(false);
            var result = await RunTurnCoreAsync(request, replyDeltas, measurement, ct).ConfigureAwait(false);
            measurement.Complete(result.Outcome);
            return result;
        }
        catch (ConversationException ex)
        {
            measurement.Complete(ex.Code);
            throw;
        }
        catch (OperationCanceledException)
        {
            measurement.Complete("cancelled");
            throw;
        }
    }

    private async Task<TurnResult> RunTurnCoreAsync(TurnRequest request, Func<string, CancellationToken, ValueTask>? replyDeltas, TurnMeasurement measurement, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        ChatSession session;
        PendingAction? pending;
        List<ChatMessageContent> stored;
        List<string> nicknames;
        await using (var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false))
        {
            session = await OwnedSessionAsync(db, request.CustomerId, request.SessionId, ct).ConfigureAwait(false);
            measurement.Channel = session.Channel?.ToString().ToLowerInvariant() ?? "unknown";
            if (session.EndedAt is not null)
            {
                throw new ConversationException("session_ended", "This session has ended; start a new one.");
            }
            pending = await LivePendingActionAsync(db, session.SessionId, request.CustomerId, now, ct).ConfigureAwait(false);
            stored = await historyReader.ReadAsync(db, session.SessionId, pending?.ActionId, ct).ConfigureAwait(false);
            nicknames = await db.Accounts.AsNoTracking().Where(a => a.CustomerId == request.CustomerId && a.Nickname != null)
                .Select(a => a.Nickname!).ToListAsync(ct).ConfigureAwait(false);
        }

        // A member of staff holds the session: the customer's words go to that person, not to the model.
        if (session.HandledByUserId is not null && request.Text is not null
            && await handoff.TryForwardCustomerMessageAsync(request.CustomerId, session.SessionId, request.Text, ct).ConfigureAwait(false) is { } forwarded)
        {
            var stillPending = pending is null ? null : new PendingActionInfo(pending.ActionId, pending.Summary, pending.ExpiresAt);
            return new TurnResult("", [], stillPending, "", forwarded.PiiTypes, forwarded);
        }

        var (text, confirmed) = Resolve(request, pending);
        var channel = ChatSessionRows.PiiChannelOf(session.Channel);
        var messageId = Guid.CreateVersion7();
        var guarded = await guard.ProcessMessageAsync(new PiiMessage(session.SessionId.ToString(), text, channel, "chat_message", messageId.ToString()), ct).ConfigureAwait(false);
        var vault = guarded.Vault;

        // A confirmation in words counts only for the one pending action, and only when this message says yes.
        if (confirmed is null && pending is not null && request.Text is not null
            && IntentClassifier.Classify(guarded.MaskedText, awaitingConfirmation: true).Intent == Intent.Confirm)
        {
            confirmed = pending.ActionId;
        }

        var history = historyPreparer.Prepare(prompts.SystemPrompt, stored, guarded.MaskedText, pending?.ActionId);
        var streamGuard = replyDeltas is null ? null : guard.CreateStreamGuard(vault, OutputMaskStyle.DisplayMask);
        var turn = new AgentTurn
        {
            ReplyDeltas = streamGuard is null ? null : async (delta, token) =>
            {
                var safe = streamGuard.Push(delta);
                if (safe.Length > 0)
                {
                    await replyDeltas!(safe, token).ConfigureAwait(false);
                }
            },
            Customer = new CustomerSession(request.CustomerId, session.SessionId, request.RequestId ?? Guid.NewGuid().ToString("N"), session.Channel),
            Vault = vault,
            ConfirmedActionId = confirmed,
            AccountNicknames = nicknames,
        };

        AgentTurnResult result;
        using (CustomerScope.Begin(turn.Customer))
        {
            var kernel = kernels.Create(turn);
            result = await loop.RunAsync(kernel, model, historyPreparer.ExecutionSettings, history, turn, ct).ConfigureAwait(false);
        }

        if (streamGuard?.Complete() is { Length: > 0 } rest)
        {
            await replyDeltas!(rest, ct).ConfigureAwait(false);
        }

        var reply = guard.MaskOutput(result.Reply, vault, OutputMaskStyle.DisplayMask);
        reply = formatters.Where(f => f.Channel == session.Channel).Aggregate(reply, (text, formatter) => formatter.Format(text));
        if (vault.IsDirty)
        {
            await guard.SaveVaultAsync(vault, ct).ConfigureAwait(false);
        }

        var userMessage = new ChatMessageContent(AuthorRole.User, guarded.MaskedText);
        // A turn that called only read tools (accounts, transactions) or none cannot have created or decided a pending
        // action: the state read at the start still stands (if not expired), which saves a query on most turns.
        var pendingUnchanged = result.ToolsCalled.All(t => t.StartsWith("accounts.", StringComparison.Ordinal) || t.StartsWith("transactions.", StringComparison.Ordinal));
        var after = await SaveTurnAsync(session.SessionId, request.CustomerId, messageId, userMessage, result, pendingUnchanged ? pending : null, pendingUnchanged, ct).ConfigureAwait(false);
        return new TurnResult(reply, result.ToolsCalled, after, guarded.MaskedText, [.. guarded.MaskedTypes.Select(t => t.ToWireName())])
        {
            Outcome = OutcomeName(result.Outcome),
        };
    }

    /// <summary>The text of the turn: the customer's words, or the words an explicit confirm / cancel stands for.</summary>
    private static (string Text, Guid? Confirmed) Resolve(TurnRequest request, PendingAction? pending)
    {
        if (request.ConfirmActionId is { } confirm)
        {
            return pending?.ActionId == confirm ? ("yes, go ahead", confirm) : throw ConversationException.InvalidArgument("Unknown or expired action.");
        }
        if (request.CancelActionId is { } cancel)
        {
            return pending?.ActionId == cancel ? ("no, cancel that", null) : throw ConversationException.InvalidArgument("Unknown or expired action.");
        }
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            throw ConversationException.InvalidArgument("The message is empty.");
        }
        return (request.Text, null);
    }

    private async Task<PendingActionInfo?> SaveTurnAsync(Guid sessionId, Guid customerId, Guid userMessageId, ChatMessageContent userMessage, AgentTurnResult result, PendingAction? startPending, bool pendingUnchanged, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        // One transaction, committed or rolled back whole: no savepoint round trips around SaveChanges.
        db.Database.AutoSavepointsEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var session = await db.ChatSessions.FromSql($"SELECT * FROM chat_sessions WHERE session_id = {sessionId} FOR UPDATE").SingleAsync(ct).ConfigureAwait(false);
        var next = await ChatSessionRows.NextSequenceAsync(db, sessionId, ct).ConfigureAwait(false);
        var userRow = ChatMessageCodec.ToRow(userMessage, sessionId, next++, now);
        userRow.MessageId = userMessageId;
        db.ChatMessages.Add(userRow);
        foreach (var message in result.NewMessages)
        {
            db.ChatMessages.Add(ChatMessageCodec.ToRow(message, sessionId, next++, now));
        }

        session.MessagesCount = (session.MessagesCount ?? 0) + 2;
        session.LastActivityAt = now;
        session.ModelUsed = ModelId;
        session.ModelVersion = ModelVersion();
        if (result.Confidence is { } confidence)
        {
            session.ConfidenceScores = [.. session.ConfidenceScores ?? [], Math.Round((decimal)Math.Clamp(confidence, 0, 0.99), 2)];
        }
        var intent = Enum.TryParse<Intent>(result.Intent, out var parsed) ? parsed : Intent.Unknown;
        session.ConversationType = ConversationTypeClassifier.Combine(session.ConversationType,
            ConversationTypeClassifier.FromTools(result.ToolsCalled) ?? ConversationTypeClassifier.FromIntent(intent, userMessage.Content ?? ""));
        if (result.ToolsCalled.Contains("support.escalate_to_human"))
        {
            session.ResolutionType = ResolutionType.Escalated;
        }
        if (result.Outcome != AgentOutcome.Replied)
        {
            session.SessionStatus = SessionStatus.Flagged;
        }
        session.MessageSummary = JsonSerializer.Serialize(new
        {
            last_intent = result.Intent,
            tools = result.ToolsCalled,
            turns = (session.MessagesCount ?? 0) / 2,
        });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);

        var pending = pendingUnchanged
            ? (startPending?.ExpiresAt > now ? startPending : null)
            : await LivePendingActionAsync(db, sessionId, customerId, now, ct).ConfigureAwait(false);
        return pending is null ? null : new PendingActionInfo(pending.ActionId, pending.Summary, pending.ExpiresAt);
    }

    /// <summary>The session's action awaiting the customer's yes or no (at most one is live at a time).</summary>
    private static Task<PendingAction?> LivePendingActionAsync(BankingDbContext db, Guid sessionId, Guid customerId, DateTime now, CancellationToken ct) =>
        db.PendingActions.AsNoTracking()
            .Where(p => p.SessionId == sessionId && p.CustomerId == customerId && p.Status == PendingActionStatus.Pending && p.ExpiresAt > now)
            .OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(ct);

    private static async Task<ChatSession> OwnedSessionAsync(BankingDbContext db, Guid customerId, Guid sessionId, CancellationToken ct) =>
        // Another customer's session is answered exactly like a missing one.
        await db.ChatSessions.SingleOrDefaultAsync(s => s.SessionId == sessionId && s.CustomerId == customerId, ct).ConfigureAwait(false)
            ?? throw ConversationException.SessionNotFound();

    /// <summary>The turn metric's outcome label: replied, model_unavailable or loop_limit.</summary>
    private static string OutcomeName(AgentOutcome outcome) => outcome switch
    {
        AgentOutcome.Replied => "replied",
        AgentOutcome.ModelUnavailable => "model_unavailable",
        AgentOutcome.LoopLimit => "loop_limit",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    private string ModelVersion() =>
        model.Attributes.TryGetValue("model_version", out var v) && v is string s ? s : "n/a";
}
