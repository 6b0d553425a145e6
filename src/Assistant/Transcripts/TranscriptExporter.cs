using BankingLlm.Assistant.Conversations;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.PiiGuard;
using BankingLlm.PiiGuard.Analysis;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>
/// `transcripts export SESSION_ID`: a stored conversation as a transcript whose expectations are what was observed
/// (tools the model called, each audited; the reply's sentences; PII types; the session row and final balances), so
/// QA can turn a real conversation into a regression test. Only masked data leaves: the customer's name and
/// statuses, account types, nicknames and balances, history without PII, and the masked messages, in which each
/// placeholder is replaced by a synthetic value of the same type so the replay's guard detects it again.
/// </summary>
public sealed partial class TranscriptExporter(IDbContextFactory<BankingDbContext> contexts, IPiiAnalyzer guard)
{
    private const int MaxHistory = 50;

    public async Task<string> ExportAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var session = await db.ChatSessions.AsNoTracking().SingleOrDefaultAsync(s => s.SessionId == sessionId, ct).ConfigureAwait(false)
            ?? throw new ArgumentException($"No chat session {sessionId}.");
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.CustomerId == session.CustomerId, ct).ConfigureAwait(false);
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.CustomerId == customer.CustomerId).OrderBy(a => a.OpenedDate).ThenBy(a => a.AccountType).ThenBy(a => a.Nickname).ToListAsync(ct).ConfigureAwait(false);
        var accountIds = accounts.Select(a => a.AccountId).ToList();
        var started = session.StartedAt ?? DateTime.UtcNow;
        var messages = await db.ChatMessages.AsNoTracking().Where(m => m.SessionId == sessionId).OrderBy(m => m.Sequence).ToListAsync(ct).ConfigureAwait(false);
        var userIds = messages.Where(m => m.Role == ChatMessageRole.User).Select(m => m.MessageId.ToString()).ToList();
        var detections = await db.PiiDetectionResults.AsNoTracking()
            .Where(p => userIds.Contains(p.SourceId!) && (p.ActionTaken == PiiAction.Masked || p.ActionTaken == PiiAction.Encrypted))
            .Select(p => new { p.SourceId, p.PiiType }).ToListAsync(ct).ConfigureAwait(false);
        var history = await db.Transactions.AsNoTracking().Where(t => accountIds.Contains(t.AccountId) && t.InitiatedAt < started)
            .OrderByDescending(t => t.InitiatedAt).Take(MaxHistory).ToListAsync(ct).ConfigureAwait(false);
        history.Reverse();
        // Balances at the start: today's, less what moved during and after the conversation.
        var since = await db.Transactions.AsNoTracking().Where(t => accountIds.Contains(t.AccountId) && t.InitiatedAt >= started && t.Status == TransactionStatus.Completed)
            .Select(t => new { t.AccountId, t.TransactionType, t.Amount }).ToListAsync(ct).ConfigureAwait(false);

        var names = AccountNames(accounts);
        var y = new StringBuilder();
        y.AppendLine(CultureInfo.InvariantCulture, $"# Exported from chat session {sessionId} ({started:yyyy-MM-dd}). Masked: placeholders became synthetic values.");
        y.AppendLine(CultureInfo.InvariantCulture, $"name: {Q($"Exported session {sessionId.ToString()[..8]}")}");
        y.AppendLine(CultureInfo.InvariantCulture, $"channel: {EnumNames.ToSnake(session.Channel ?? ChatChannel.Web)}");
        y.AppendLine("given:");
        y.AppendLine(CultureInfo.InvariantCulture, $"  customer: {{ first_name: {Q(customer.FirstName)}, last_name: {Q(customer.LastName)}, kyc_status: {EnumNames.ToSnake(customer.KycStatus ?? KycStatus.Pending)}, aml_status: {EnumNames.ToSnake(customer.AmlStatus ?? AmlStatus.Clear)}{(customer.Status is { } cs ? $", status: {EnumNames.ToSnake(cs)}" : "")} }}");
        y.AppendLine(accounts.Count == 0 ? "  accounts: []" : "  accounts:");
        for (var i = 0; i < accounts.Count; i++)
        {
            var a = accounts[i];
            var moved = since.Where(t => t.AccountId == a.AccountId).Sum(t => Data.Seeding.HistoryGenerator.SignedAmount(new Transaction { TransactionType = t.TransactionType, Amount = t.Amount }));
            y.Append(CultureInfo.InvariantCulture, $"    - {{ type: {EnumNames.ToSnake(a.AccountType)}");
            if (a.Nickname is not null || names[i] != EnumNames.ToSnake(a.AccountType))
            {
                y.Append(CultureInfo.InvariantCulture, $", nickname: {Q(names[i])}");
            }
            y.Append(CultureInfo.InvariantCulture, $", balance: {M(a.Balance - moved)}");
            if (a.Status is { } st && st != AccountStatus.Active)
            {
                y.Append(CultureInfo.InvariantCulture, $", status: {EnumNames.ToSnake(st)}");
            }
            if (a.CreditLimit is { } limit)
            {
                y.Append(CultureInfo.InvariantCulture, $", credit_limit: {M(limit)}");
            }
            y.AppendLine(" }");
        }
        if (history.Count > 0)
        {
            y.AppendLine("  transactions:");
            foreach (var t in history)
            {
                var daysAgo = Math.Round((decimal)(started - t.InitiatedAt).TotalDays, 2);
                y.Append(CultureInfo.InvariantCulture, $"    - {{ account: {Q(names[accountIds.IndexOf(t.AccountId)])}, type: {EnumNames.ToSnake(t.TransactionType)}, amount: {M(t.Amount)}, days_ago: {daysAgo.ToString(CultureInfo.InvariantCulture)}");
                if (Clean(t.MerchantName) is { } merchant)
                {
                    y.Append(CultureInfo.InvariantCulture, $", merchant: {Q(merchant)}");
                }
                if (Clean(t.Description) is { } description)
                {
                    y.Append(CultureInfo.InvariantCulture, $", description: {Q(description)}");
                }
                if (t.Status is { } ts && ts != TransactionStatus.Completed)
                {
                    y.Append(CultureInfo.InvariantCulture, $", status: {EnumNames.ToSnake(ts)}");
                }
                if (t.Metadata?.Contains("\"cash\": true", StringComparison.Ordinal) == true || t.Metadata?.Contains("\"cash\":true", StringComparison.Ordinal) == true)
                {
                    y.Append(", cash: true");
                }
                y.AppendLine(" }");
            }
        }

        y.AppendLine("turns:");
        var turns = SplitTurns(messages);
        if (turns.Count == 0)
        {
            throw new ArgumentException($"Chat session {sessionId} has no messages to export.");
        }
        foreach (var (user, replies) in turns)
        {
            var stand = new StandIns();
            var text = stand.Replace(user.MaskedText);
            var types = detections.Where(d => d.SourceId == user.MessageId.ToString() && d.PiiType is not null)
                .Select(d => EnumNames.ToSnake(d.PiiType!.Value)).Distinct().Order(StringComparer.Ordinal).ToList();
            // Keep the PII expectations only when the synthetic values are found again as the same types.
            var found = guard.Analyze(text, ChatSessionRows.PiiChannelOf(session.Channel)).Entities
                .Select(e => e.Type.ToWireName()).Distinct().Order(StringComparer.Ordinal).ToList();
            var piiRoundTrips = found.SequenceEqual(types, StringComparer.Ordinal);
            var calls = replies.Where(r => r.Role == ChatMessageRole.Assistant && r.ToolCalls is not null).SelectMany(r => CallsOf(r.ToolCalls!)).ToList();
            // The final answer: the last assistant message that calls nothing (its stored items may hold metadata).
            var reply = replies.LastOrDefault(r => r.Role == ChatMessageRole.Assistant && (r.ToolCalls is null || !CallsOf(r.ToolCalls).Any()))?.MaskedText ?? "";

            y.AppendLine(CultureInfo.InvariantCulture, $"  - user: {Q(text)}");
            y.AppendLine("    expect:");
            if (calls.Count == 0)
            {
                y.AppendLine("      no_tools: true");
            }
            else
            {
                y.AppendLine(CultureInfo.InvariantCulture, $"      tools: [{string.Join(", ", calls)}]");
                y.AppendLine("      tools_exact: true");
            }
            if (piiRoundTrips)
            {
                y.AppendLine(CultureInfo.InvariantCulture, $"      pii: [{string.Join(", ", types)}]");
                y.AppendLine(CultureInfo.InvariantCulture, $"      masked: {Q(user.MaskedText)}");
            }
            else
            {
                y.AppendLine(CultureInfo.InvariantCulture, $"      # observed PII types [{string.Join(", ", types)}]; the synthetic values are detected as [{string.Join(", ", found)}], so pii/masked are not asserted");
            }
            var sentences = StableSentences(reply);
            if (sentences.Count > 0)
            {
                y.AppendLine(CultureInfo.InvariantCulture, $"      reply_contains: [{string.Join(", ", sentences.Select(Q))}]");
            }
        }

        y.AppendLine("end:");
        if (session.SessionStatus is { } status && status != SessionStatus.Active)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  status: {EnumNames.ToSnake(status)}");
        }
        if (session.ResolutionType is { } resolution)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  resolution: {EnumNames.ToSnake(resolution)}");
        }
        if (session.ConversationType is { } type)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  type: {EnumNames.ToSnake(type)}");
        }
        if (accounts.Count > 0)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  balances: {{ {string.Join(", ", accounts.Select((a, i) => $"{Q(names[i])}: {M(a.Balance)}"))} }}");
        }
        y.AppendLine("  audit: { tool_calls_audited: true }");
        return y.ToString();
    }

    /// <summary>Each user message with the messages that answered it.</summary>
    private static List<(ChatMessage User, List<ChatMessage> Replies)> SplitTurns(List<ChatMessage> messages)
    {
        var turns = new List<(ChatMessage, List<ChatMessage>)>();
        foreach (var m in messages)
        {
            if (m.Role == ChatMessageRole.User)
            {
                turns.Add((m, []));
            }
            else if (turns.Count > 0)
            {
                turns[^1].Item2.Add(m);
            }
        }
        return turns;
    }

    /// <summary>The nickname, else the type when it is the only one of its type, else a nickname the export gives ("savings 2").</summary>
    private static List<string> AccountNames(List<Account> accounts) =>
        [.. accounts.Select((a, i) => a.Nickname
            ?? (accounts.Count(x => x.AccountType == a.AccountType) == 1 ? EnumNames.ToSnake(a.AccountType)
                : $"{EnumNames.ToSnake(a.AccountType)} {accounts.Take(i + 1).Count(x => x.AccountType == a.AccountType)}"))];

    /// <summary>
    /// The reply's sentences that hold no date or time (those change with the day the replay runs), no bare group of
    /// four or more digits (an account's last four, a reference: they differ in the replay) and no placeholder.
    /// </summary>
    private static List<string> StableSentences(string reply) =>
        [.. SentenceSplit().Split(reply).Select(s => s.Trim())
            .Where(s => s.Length >= 8 && !DateLike().IsMatch(s) && !Volatile().IsMatch(s) && !s.Contains('[', StringComparison.Ordinal))];

    [GeneratedRegex(@"(?<![\d$,.])\d{4,}(?![\d,])|\b[A-Z]{2,4}[0-9A-F]{6,}\b")]
    private static partial Regex Volatile();

    private string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return guard.Analyze(text).Entities.Count > 0 ? null : text;
    }

    private static IEnumerable<string> CallsOf(string toolCalls)
    {
        using var json = JsonDocument.Parse(toolCalls);
        if (!json.RootElement.TryGetProperty("Calls", out var calls) || calls.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return [.. calls.EnumerateArray().Select(c => $"{c.GetProperty("Plugin").GetString()}.{c.GetProperty("Function").GetString()}")];
    }

    private static string M(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A YAML double-quoted string.</summary>
    private static string Q(string s) => JsonSerializer.Serialize(s, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceSplit();

    [GeneratedRegex(@"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d|\d{4}-\d{2}-\d{2}|\b\d{1,2}/\d{1,2}\b|\b\d{1,2}:\d{2}\b|\btoday\b|\byesterday\b|\bminutes?\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateLike();

    /// <summary>Synthetic values for placeholders: [SSN_1] becomes a well-formed SSN that is nobody's, the same one each time.</summary>
    private sealed partial class StandIns
    {
        private static readonly Dictionary<string, string[]> Values = new(StringComparer.Ordinal)
        {
            ["SSN"] = ["219-09-9999", "078-05-1120", "457-55-5462"],
            ["CREDIT_CARD"] = ["4111 1111 1111 1111", "5500 0000 0000 0004", "3400 000000 00009"],
            ["BANK_ACCOUNT"] = ["021000021", "011000015", "026009593"],
            ["ACCOUNT_NUMBER"] = ["ZX00000000123456", "ZX00000000654321", "ZX00000000777777"],
            ["PHONE"] = ["(415) 555-0132", "(212) 555-0187", "(312) 555-0144"],
            ["EMAIL"] = ["jordan.sample@example.com", "casey.sample@example.org", "riley.sample@example.net"],
            ["ADDRESS"] = ["1600 Sample Avenue, Springfield, IL 62704", "22 Example Street, Portland, OR 97201", "9 Placeholder Road, Austin, TX 73301"],
            ["PASSPORT"] = ["X12345678", "Y87654321", "Z11223344"],
            ["DRIVERS_LICENSE"] = ["D1234567", "F7654321", "G1122334"],
        };

        public string Replace(string masked) => Placeholder().Replace(masked, m =>
            Values.TryGetValue(m.Groups["type"].Value, out var values) ? values[(int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) - 1) % values.Length] : m.Value);

        [GeneratedRegex(@"\[(?<type>[A-Z_]+?)_(?<n>\d+)\]")]
        private static partial Regex Placeholder();
    }
}
