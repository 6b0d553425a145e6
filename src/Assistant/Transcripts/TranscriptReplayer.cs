using System.Diagnostics;
using System.Text.Json;
using BankingLlm.Assistant.Hubs;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.PiiGuard;
using BankingLlm.PiiGuard.Analysis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>
/// Replays transcripts against a <see cref="ReplayTarget"/>: a fresh customer per transcript, a session through the
/// real hub with the real SignalR client and that customer's token, each turn played and checked against the reply,
/// the audit log, the stored masked messages, the PII detections, balances, compliance events and pending actions,
/// then the session ended and its row checked. Transcripts are independent and may run in parallel.
/// </summary>
public sealed class TranscriptReplayer(ReplayTarget target)
{
    private readonly IDbContextFactory<BankingDbContext> _contexts = target.Services.GetRequiredService<IDbContextFactory<BankingDbContext>>();
    private readonly TimeProvider _clock = target.Services.GetRequiredService<TimeProvider>();

    /// <summary>Replays every file (in parallel up to <paramref name="parallelism"/>); results in the order of the files.</summary>
    public async Task<IReadOnlyList<TranscriptResult>> RunFilesAsync(IReadOnlyList<string> files, int parallelism, Action<TranscriptResult>? onResult = null, CancellationToken ct = default)
    {
        var results = new TranscriptResult[files.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = ct }, async (i, token) =>
        {
            results[i] = await RunFileAsync(files[i], token).ConfigureAwait(false);
            onResult?.Invoke(results[i]);
        }).ConfigureAwait(false);
        return results;
    }

    public async Task<TranscriptResult> RunFileAsync(string file, CancellationToken ct = default)
    {
        var parsed = TranscriptParser.ParseFile(file);
        return parsed.Transcript is { } transcript
            ? await RunAsync(transcript, ct).ConfigureAwait(false)
            : new TranscriptResult(file, Path.GetFileNameWithoutExtension(file), TranscriptOutcome.Malformed, [], parsed.Problems, TimeSpan.Zero);
    }

    public async Task<TranscriptResult> RunAsync(Transcript transcript, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var failures = new List<TranscriptFailure>();
        Guid? session = null;
        try
        {
            await PlayAsync(transcript, failures, id => session = id, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            failures.Add(new TranscriptFailure(transcript.File, 1, null, null, "replay", "the replay to run", $"{ex.GetType().Name}: {ex.Message}{(ex.InnerException is { } inner ? " (" + inner.Message + ")" : "")}"));
        }
        return new TranscriptResult(transcript.File, transcript.Name, failures.Count == 0 ? TranscriptOutcome.Passed : TranscriptOutcome.Failed, failures, [], watch.Elapsed, session);
    }

    /// <summary>The key of a transcript in a model recording.</summary>
    public static string RecordingKey(Transcript transcript) => $"{Path.GetFileName(transcript.File)}: {transcript.Name}";

    private async Task PlayAsync(Transcript transcript, List<TranscriptFailure> failures, Action<Guid> started, CancellationToken ct)
    {
        var world = await target.Services.GetRequiredService<TranscriptWorldBuilder>().CreateAsync(transcript, ct).ConfigureAwait(false);
        var leaks = new PiiLeakCheck(target.Services.GetRequiredService<IPiiAnalyzer>(), _contexts);
        leaks.AddGiven(world.Secrets);
        var outbound = new List<(string Where, string Text)>();

        var token = target.TokenFor(world.CustomerId);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(target.BaseAddress, ChatHub.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await hub.StartAsync(ct).ConfigureAwait(false);
        var opened = await hub.InvokeAsync<StartSessionResponse>("StartSession", new StartSessionRequest(EnumNames.ToSnake(transcript.Channel), "transcript-replay", "en"), ct).ConfigureAwait(false);
        var session = opened.SessionId;
        started(session);
        var key = RecordingKey(transcript);
        target.Sessions.Register(session, key);

        PendingActionDto? pending = null;
        foreach (var turn in transcript.Turns)
        {
            var mark = await MarkAsync(world, session, ct).ConfigureAwait(false);
            var seen = new TurnObservation();
            if (turn.Kind == TurnKind.User)
            {
                leaks.AddUserTurn(turn.Text!, transcript.Channel);
            }
            if (turn.Kind == TurnKind.Expire)
            {
                await ExpireAsync(session, turn.ActionRef == "last" ? null : Guid.Parse(turn.ActionRef!), ct).ConfigureAwait(false);
            }
            else
            {
                var actionId = turn.ActionRef is null ? Guid.Empty : turn.ActionRef == "last" ? pending?.ActionId ?? Guid.Empty : Guid.Parse(turn.ActionRef);
                var stream = turn.Kind switch
                {
                    TurnKind.Confirm => hub.StreamAsync<ChatChunk>("ConfirmAction", session, actionId, ct),
                    TurnKind.Cancel => hub.StreamAsync<ChatChunk>("CancelAction", session, actionId, ct),
                    _ => hub.StreamAsync<ChatChunk>("SendMessage", session, turn.Text, ct),
                };
                try
                {
                    await foreach (var chunk in stream.ConfigureAwait(false))
                    {
                        if (chunk.Kind == "final")
                        {
                            seen.Reply = chunk.Text;
                            seen.HubTools.AddRange(chunk.Tools ?? []);
                            pending = chunk.PendingAction;
                        }
                    }
                }
                catch (HubException ex)
                {
                    seen.Error = HubErrors.CodeOf(ex.Message) ?? "unknown";
                }
                outbound.Add(($"the reply of turn {turn.Number}", seen.Reply));
            }
            await ObserveAsync(world, session, mark, seen, ct).ConfigureAwait(false);
            if (!seen.Pending)
            {
                pending = null;
            }
            failures.AddRange(TurnChecks.Check(transcript, turn, seen));
            foreach (var miss in target.Sessions.MissesOf(key).Skip(failures.Count(f => f.Assertion == "recorded model")))
            {
                failures.Add(new TranscriptFailure(transcript.File, turn.Line, turn.Number, turn.Describe(), "recorded model", "a recorded model response", miss));
            }
        }

        var end = transcript.End;
        var resolution = end?.Resolution is { } r ? EnumNames.ToSnake(r) : null;
        await hub.InvokeAsync<EndSessionResponse>("EndSession", session, resolution, ct).ConfigureAwait(false);
        await CheckEndAsync(transcript, world, session, failures, ct).ConfigureAwait(false);

        var requests = target.Tap?.RequestsOf(session) ?? [];
        failures.AddRange(await leaks.CheckAsync(transcript, world.CustomerId, session, outbound, requests, ct).ConfigureAwait(false));
        target.Tap?.Forget(session);
    }

    private sealed record Mark(long AuditSequence, int ChatSequence, HashSet<Guid> Events);

    private async Task<Mark> MarkAsync(TranscriptWorld world, Guid session, CancellationToken ct)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var audit = await db.AuditLogs.Where(a => a.SessionId == session || a.CustomerId == world.CustomerId).MaxAsync(a => (long?)a.SequenceNo, ct).ConfigureAwait(false) ?? 0;
        var chat = await db.ChatMessages.Where(m => m.SessionId == session).MaxAsync(m => (int?)m.Sequence, ct).ConfigureAwait(false) ?? 0;
        var events = await db.ComplianceEvents.Where(e => e.CustomerId == world.CustomerId).Select(e => e.EventId).ToListAsync(ct).ConfigureAwait(false);
        return new Mark(audit, chat, [.. events]);
    }

    private async Task ObserveAsync(TranscriptWorld world, Guid session, Mark mark, TurnObservation seen, CancellationToken ct)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var audits = await db.AuditLogs.AsNoTracking()
            .Where(a => (a.SessionId == session || a.CustomerId == world.CustomerId) && a.SequenceNo > mark.AuditSequence)
            .OrderBy(a => a.SequenceNo).Select(a => a.ChangesSummary).ToListAsync(ct).ConfigureAwait(false);
        foreach (var summary in audits)
        {
            if (ToolOf(summary) is { } tool && !tool.StartsWith("pii_guard.", StringComparison.Ordinal) && !tool.StartsWith("agent.", StringComparison.Ordinal))
            {
                seen.AuditedTools.Add(tool);
            }
        }

        var rows = await db.ChatMessages.AsNoTracking().Where(m => m.SessionId == session && m.Sequence > mark.ChatSequence)
            .OrderBy(m => m.Sequence).ToListAsync(ct).ConfigureAwait(false);
        if (rows.FirstOrDefault(m => m.Role == ChatMessageRole.User) is { } user)
        {
            seen.Masked = user.MaskedText;
            var id = user.MessageId.ToString();
            var types = await db.PiiDetectionResults.AsNoTracking()
                .Where(p => p.SourceId == id && (p.ActionTaken == PiiAction.Masked || p.ActionTaken == PiiAction.Encrypted))
                .Select(p => p.PiiType).ToListAsync(ct).ConfigureAwait(false);
            seen.PiiTypes.AddRange(types.Where(t => t is not null).Select(t => EnumNames.ToSnake(t!.Value)).Distinct());
        }
        foreach (var row in rows.Where(m => m.Role == ChatMessageRole.Assistant && m.ToolCalls is not null))
        {
            seen.ModelCalls.AddRange(CallsOf(row.ToolCalls!));
        }

        var accounts = await db.Accounts.AsNoTracking().Where(a => world.AccountIds.Contains(a.AccountId))
            .Select(a => new { a.AccountId, a.Balance }).ToListAsync(ct).ConfigureAwait(false);
        foreach (var a in accounts)
        {
            seen.Balances[world.AccountIds.ToList().IndexOf(a.AccountId)] = a.Balance;
        }
        var now = _clock.GetUtcNow().UtcDateTime;
        seen.Pending = await db.PendingActions.AnyAsync(p => p.SessionId == session && p.Status == PendingActionStatus.Pending && p.ExpiresAt > now, ct).ConfigureAwait(false);
        var events = await db.ComplianceEvents.AsNoTracking().Where(e => e.CustomerId == world.CustomerId)
            .OrderBy(e => e.CreatedAt).Select(e => new { e.EventId, e.EventType }).ToListAsync(ct).ConfigureAwait(false);
        seen.ComplianceEvents.AddRange(events.Where(e => !mark.Events.Contains(e.EventId)).Select(e => e.EventType));
    }

    private async Task CheckEndAsync(Transcript transcript, TranscriptWorld world, Guid session, List<TranscriptFailure> failures, CancellationToken ct)
    {
        if (transcript.End is not { } end)
        {
            return;
        }
        await using var db = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var row = await db.ChatSessions.AsNoTracking().SingleAsync(s => s.SessionId == session, ct).ConfigureAwait(false);
        void Fail(string what, string expected, string seen) => failures.Add(new TranscriptFailure(transcript.File, end.Line, null, null, "end." + what, expected, seen));
        if (end.Status is { } status && row.SessionStatus != status)
        {
            Fail("status", EnumNames.ToSnake(status), row.SessionStatus is { } s ? EnumNames.ToSnake(s) : "none");
        }
        if (end.Resolution is { } resolution && row.ResolutionType != resolution)
        {
            Fail("resolution", EnumNames.ToSnake(resolution), row.ResolutionType is { } r ? EnumNames.ToSnake(r) : "none");
        }
        if (end.ConversationType is { } type && row.ConversationType != type)
        {
            Fail("type", EnumNames.ToSnake(type), row.ConversationType is { } t ? EnumNames.ToSnake(t) : "none");
        }
        if (end.Balances is { } balances)
        {
            var seen = await db.Accounts.AsNoTracking().Where(a => world.AccountIds.Contains(a.AccountId)).ToDictionaryAsync(a => a.AccountId, a => a.Balance, ct).ConfigureAwait(false);
            TurnChecks.CheckBalances(balances, world.AccountIds.Select((id, i) => (id, i)).Where(x => seen.ContainsKey(x.id)).ToDictionary(x => x.i, x => seen[x.id]), (e, s) => Fail("balances", e, s));
        }
        if (end.ComplianceEvents is { } expectedEvents)
        {
            // Raised during the conversation: events created after the session started.
            var started = row.StartedAt ?? DateTime.MinValue;
            var raised = await db.ComplianceEvents.AsNoTracking().Where(e => e.CustomerId == world.CustomerId && e.CreatedAt >= started)
                .Select(e => e.EventType).ToListAsync(ct).ConfigureAwait(false);
            TurnChecks.CheckEvents(expectedEvents, raised, (e, s) => Fail("compliance_events", e, s));
        }
    }

    private async Task ExpireAsync(Guid session, Guid? actionId, CancellationToken ct)
    {
        // As if the confirmation window had passed: the action's expiry is moved to the past (the tools expire it lazily).
        var past = _clock.GetUtcNow().UtcDateTime.AddSeconds(-1);
        await using var db = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await db.PendingActions.Where(p => p.SessionId == session && p.Status == PendingActionStatus.Pending && (actionId == null || p.ActionId == actionId))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ExpiresAt, past).SetProperty(p => p.CreatedAt, p => p.CreatedAt < past ? p.CreatedAt : past.AddSeconds(-1)), ct).ConfigureAwait(false);
    }

    private static string? ToolOf(string? changesSummary)
    {
        if (string.IsNullOrEmpty(changesSummary))
        {
            return null;
        }
        using var json = JsonDocument.Parse(changesSummary);
        return json.RootElement.TryGetProperty("tool", out var tool) ? tool.GetString() : null;
    }

    private static IEnumerable<string> CallsOf(string toolCalls)
    {
        using var json = JsonDocument.Parse(toolCalls);
        if (!json.RootElement.TryGetProperty("Calls", out var calls) || calls.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return [.. calls.EnumerateArray().Select(c => $"{(c.GetProperty("Plugin").GetString() is { Length: > 0 } p ? p : "unknown")}.{c.GetProperty("Function").GetString()}")];
    }
}
