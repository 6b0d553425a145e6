using BankingLlm.Assistant.Conversations;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.PiiGuard;
using BankingLlm.PiiGuard.Analysis;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>
/// The automatic check of every replay: no raw PII value from the given data or from a user turn appears in a
/// reply, in what the model was sent, in chat_messages, in audit_logs or in the session row. Failures name the
/// type and the place, never the value.
/// </summary>
public sealed class PiiLeakCheck(IPiiAnalyzer guard, IDbContextFactory<BankingDbContext> contexts)
{
    /// <summary>Values shorter than this are too likely to occur by chance (a last four, an amount).</summary>
    private const int MinimumLength = 6;

    private readonly List<(string Kind, string Value)> _secrets = [];

    public void AddGiven(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Add("given customer data", value);
        }
    }

    public void AddUserTurn(string text, ChatChannel channel)
    {
        var analysis = guard.Analyze(text, ChatSessionRows.PiiChannelOf(channel));
        foreach (var entity in analysis.Entities)
        {
            Add(entity.Type.ToWireName(), entity.Text);
            Add(entity.Type.ToWireName(), entity.Value);
        }
    }

    public async Task<List<TranscriptFailure>> CheckAsync(Transcript transcript, Guid customerId, Guid sessionId, IReadOnlyList<(string Where, string Text)> outbound, IReadOnlyList<string> modelRequests, CancellationToken ct)
    {
        var places = new List<(string Where, string? Text)>(outbound.Select(o => (o.Where, (string?)o.Text)));
        places.AddRange(modelRequests.Select((r, i) => ($"model request #{i + 1}", (string?)r)));
        await using (var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false))
        {
            var messages = await db.ChatMessages.AsNoTracking().Where(m => m.SessionId == sessionId).OrderBy(m => m.Sequence).ToListAsync(ct).ConfigureAwait(false);
            foreach (var m in messages)
            {
                places.Add(($"chat_messages #{m.Sequence} ({m.Role.ToString().ToLowerInvariant()})", m.MaskedText + "\n" + m.ToolCalls));
            }
            var messageIds = messages.Select(m => m.MessageId.ToString()).ToList();
            var audits = await db.AuditLogs.AsNoTracking()
                .Where(a => a.SessionId == sessionId || a.CustomerId == customerId || messageIds.Contains(a.EntityId))
                .OrderBy(a => a.SequenceNo).ToListAsync(ct).ConfigureAwait(false);
            foreach (var a in audits)
            {
                places.Add(($"audit_logs #{a.SequenceNo} ({a.EntityType})", string.Join("\n", a.OldValues, a.NewValues, a.ChangesSummary, a.ErrorMessage, a.EntityId)));
            }
            var session = await db.ChatSessions.AsNoTracking().SingleOrDefaultAsync(s => s.SessionId == sessionId, ct).ConfigureAwait(false);
            places.Add(("chat_sessions summary", session?.MessageSummary + "\n" + session?.Tags));
        }

        var failures = new List<TranscriptFailure>();
        foreach (var (kind, value) in _secrets)
        {
            foreach (var (where, text) in places)
            {
                if (text is not null && text.Contains(value, StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add(new TranscriptFailure(transcript.File, 1, null, null, "no raw PII (automatic)", $"no raw {kind} value outbound or stored", $"one in {where}"));
                }
            }
        }
        return failures;
    }

    private void Add(string kind, string? value)
    {
        value = value?.Trim();
        if (value is { Length: >= MinimumLength } && !_secrets.Any(s => string.Equals(s.Value, value, StringComparison.OrdinalIgnoreCase)))
        {
            _secrets.Add((kind, value));
        }
    }
}
