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
    TurnStore store,
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
        historyReader.Forget(sessionId);
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
        var start = await store.ReadAsync(request.CustomerId, request.SessionId, now, ct).ConfigureAwait(false) ?? throw ConversationException.SessionNotFound();
        var session = start.Session;
        var pending = start.Pending;
        measurement.Channel = session.Channel?.ToString().ToLowerInvariant() ?? "unknown";
        if (session.EndedAt is not null)
        {
            throw new ConversationException("session_ended", "This session has ended; start a new one.");
        }

        // A member of staff holds the session: the customer's words go to that person, not to the model.
        if (session.HandledByUserId is not null && request.Text is not null
            && await handoff.TryForwardCustomerMessageAsync(request.CustomerId, session.SessionId, request.Text, ct).ConfigureAwait(false) is { } forwarded)
        {
            return new TurnResult("", [], pending, "", forwarded.PiiTypes, forwarded);
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

        var history = historyPreparer.Prepare(prompts.SystemPrompt, start.History, guarded.MaskedText, pending?.ActionId);
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
            AccountNicknames = start.Nicknames,
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
    private static (string Text, Guid? Confirmed) Resolve(TurnRequest request, PendingActionInfo? pending)
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

    private async Task<PendingActionInfo?> SaveTurnAsync(Guid sessionId, Guid customerId, Guid userMessageId, ChatMessageContent userMessage, AgentTurnResult result, PendingActionInfo? startPending, bool pendingUnchanged, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var userRow = ChatMessageCodec.ToRow(userMessage, sessionId, 0, now);
        userRow.MessageId = userMessageId;
        List<ChatMessage> messages = [userRow, .. result.NewMessages.Select(m => ChatMessageCodec.ToRow(m, sessionId, 0, now))];
        var intent = Enum.TryParse<Intent>(result.Intent, out var parsed) ? parsed : Intent.Unknown;
        var pending = await store.SaveAsync(new TurnStore.TurnEnd(sessionId, customerId, now, messages)
        {
            ModelUsed = ModelId,
            ModelVersion = ModelVersion(),
            Confidence = result.Confidence is { } confidence ? Math.Round((decimal)Math.Clamp(confidence, 0, 0.99), 2) : null,
            ConversationType = ConversationTypeClassifier.FromTools(result.ToolsCalled) ?? ConversationTypeClassifier.FromIntent(intent, userMessage.Content ?? ""),
            Escalated = result.ToolsCalled.Contains("support.escalate_to_human"),
            Flagged = result.Outcome != AgentOutcome.Replied,
            Intent = result.Intent,
            Tools = result.ToolsCalled,
            ReadPending = !pendingUnchanged,
        }, ct).ConfigureAwait(false);
        return pendingUnchanged ? (startPending?.ExpiresAt > now ? startPending : null) : pending;
    }

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
