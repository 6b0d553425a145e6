using System.Globalization;
using System.Text.RegularExpressions;
using BankingLlm.Assistant.Agent.Prompts;

namespace BankingLlm.Assistant.Agent.Offline;

/// <summary>
/// Turns the dialogue state into a plan: which intent, which slots (merged across the turns of one request), which
/// tool calls. Missing details are asked for; corrections replace a pending request; yes/no settle a pending action.
/// </summary>
public sealed partial class OfflinePlanner(EntityExtractor extractor, PromptCatalog prompts)
{
    private static readonly Intent[] Actionable =
    [
        Intent.ListAccounts, Intent.GetBalance, Intent.AccountDetails, Intent.RecentTransactions, Intent.SearchTransactions,
        Intent.SpendingSummary, Intent.Transfer, Intent.ExternalTransfer, Intent.KycStatus, Intent.ReportFraud, Intent.TalkToHuman,
    ];

    public OfflinePlan Plan(DialogueState state, IReadOnlyCollection<string> nicknames)
    {
        var text = state.LastUserText;
        var pending = state.Pending;
        var last = IntentClassifier.Classify(text, awaitingConfirmation: pending is not null, nicknames);
        var lastEntities = extractor.Extract(text, nicknames);

        // A pending action: yes, no, or a correction ("no, make it 300").
        if (pending is not null)
        {
            if (last.Intent == Intent.Correction && pending.Kind == "transfer" && pending.PreparedBy.Function == "prepare_transfer")
            {
                return OfflinePlan.Call(Intent.Transfer, 0.9,
                    new PlannedCall("transfers", "cancel_transfer", new Dictionary<string, object?> { ["action_id"] = pending.ActionId }),
                    new PlannedCall("transfers", "prepare_transfer", Corrected(pending.PreparedBy.Arguments, lastEntities)));
            }
            if (last.Intent == Intent.Confirm)
            {
                return pending.Kind == "suspension"
                    ? OfflinePlan.Call(Intent.Confirm, last.Confidence, new PlannedCall("compliance", "confirm_account_suspension", new Dictionary<string, object?> { ["action_id"] = pending.ActionId }))
                    : OfflinePlan.Call(Intent.Confirm, last.Confidence, new PlannedCall("transfers", "confirm_transfer", new Dictionary<string, object?> { ["action_id"] = pending.ActionId }));
            }
            if (last.Intent == Intent.Cancel)
            {
                return pending.Kind == "suspension"
                    ? OfflinePlan.Reply(Intent.Cancel, last.Confidence, prompts.Reply("transfer_cancelled").Replace("No money was moved.", "Your account stays active.", StringComparison.Ordinal))
                    : OfflinePlan.Call(Intent.Cancel, last.Confidence, new PlannedCall("transfers", "cancel_transfer", new Dictionary<string, object?> { ["action_id"] = pending.ActionId }));
            }
        }
        else if (RefusedTransfer(state) is { } refused
            && IntentClassifier.Classify(text, awaitingConfirmation: true, nicknames).Intent == Intent.Correction)
        {
            // The bank just refused a transfer (not enough money, over a limit): "ok, make it 100 then" asks again
            // with the changed detail. Nothing was pending, so nothing is cancelled.
            return OfflinePlan.Call(Intent.Transfer, 0.85, new PlannedCall("transfers", "prepare_transfer", Corrected(refused.Arguments, lastEntities)));
        }
        else if (last.Intent is Intent.Confirm or Intent.Cancel)
        {
            return OfflinePlan.Reply(last.Intent, last.Confidence, prompts.Reply("nothing_pending"));
        }

        // "my second account": the position is resolved against the customer's account list, fetched first.
        if (Actionable.Contains(last.Intent) && lastEntities.Accounts.Any(a => a.Reference.StartsWith("ordinal:", StringComparison.Ordinal)))
        {
            var listed = state.CurrentTurnCalls.FirstOrDefault(c => c.Function == "list_accounts");
            if (listed is null)
            {
                return OfflinePlan.Call(last.Intent, last.Confidence, Call("accounts", "list_accounts"));
            }
            var resolved = ResolveOrdinals(lastEntities, listed);
            if (resolved is null)
            {
                return OfflinePlan.Reply(last.Intent, last.Confidence, prompts.Reply("ask_account_for_balance"));
            }
            var inner = PlanFor(state, last, resolved, text);
            return inner with { Calls = [Call("accounts", "list_accounts"), .. inner.Calls] };
        }

        // Slot filling: when this turn has no request of its own, it answers the question about the earlier one.
        var (intent, confidence, entities) = Frame(state, last, lastEntities, nicknames);
        return PlanFor(state, new IntentResult(intent, confidence, last.Cues), entities, text);
    }

    /// <summary>The arguments of an earlier transfer request with the details this turn changed.</summary>
    private static Dictionary<string, object?> Corrected(IReadOnlyDictionary<string, object?> earlier, TurnEntities entities)
    {
        var args = new Dictionary<string, object?>(earlier, StringComparer.Ordinal);
        if (entities.Amount is { } amount)
        {
            args["amount"] = amount;
        }
        if (entities.FromAccount is { } from)
        {
            args["from_account"] = from;
        }
        if (entities.ToAccount is { } to)
        {
            args["to_account"] = to;
        }
        return args;
    }

    /// <summary>The last tool call before this turn, when it was a transfer the bank refused.</summary>
    private static ToolExchange? RefusedTransfer(DialogueState state)
    {
        var before = state.AllCalls.Count - state.CurrentTurnCalls.Count;
        return before > 0 && state.AllCalls[before - 1] is { Function: "prepare_transfer" } last && last.ResultString("status") == "refused"
            ? last
            : null;
    }

    private OfflinePlan PlanFor(DialogueState state, IntentResult result, TurnEntities entities, string text)
    {
        var (intent, confidence) = (result.Intent, result.Confidence);
        return intent switch
        {
            Intent.Greeting => OfflinePlan.Reply(intent, confidence, prompts.Reply("greeting")),
            Intent.Thanks => OfflinePlan.Reply(intent, confidence, prompts.Reply("thanks")),
            Intent.Goodbye => OfflinePlan.Reply(intent, confidence, prompts.Reply("goodbye")),
            Intent.Help => OfflinePlan.Reply(intent, confidence, prompts.Reply("help")),
            Intent.OutOfScope => OfflinePlan.Reply(intent, confidence, prompts.Reply("out_of_scope")),
            Intent.ListAccounts => OfflinePlan.Call(intent, confidence, Call("accounts", "list_accounts")),
            Intent.GetBalance => entities.Accounts.Count == 0
                ? OfflinePlan.Call(intent, confidence, Call("accounts", "list_accounts"))
                : OfflinePlan.Call(intent, confidence, [.. entities.Accounts.Select(a => Call("accounts", "get_balance", ("account", a.Reference)))]),
            Intent.AccountDetails => entities.Accounts.Count == 0
                ? OfflinePlan.Reply(intent, confidence, prompts.Reply("ask_account_for_balance"))
                : OfflinePlan.Call(intent, confidence, Call("accounts", "get_account_details", ("account", entities.Accounts[0].Reference))),
            Intent.RecentTransactions => MoreOrRecent(state, intent, confidence, entities, text),
            Intent.SearchTransactions => OfflinePlan.Call(intent, confidence, Call("transactions", "search_transactions",
                ("merchant", entities.Merchant), ("text", entities.Merchant is null ? SearchWords(text) : null),
                ("min_amount", entities.MinAmount), ("max_amount", entities.MaxAmount), ("from", Day(entities.Dates?.From)), ("to", Day(entities.Dates?.To)))),
            Intent.SpendingSummary => OfflinePlan.Call(intent, confidence, Call("transactions", "get_spending_summary",
                ("from", Day(entities.Dates?.From ?? (entities.Days is { } d ? extractor.Today.AddDays(-d) : null))), ("to", Day(entities.Dates?.To)),
                ("group_by", TextNormalizer.Normalize(text).Contains(" categor", StringComparison.Ordinal) ? "category" : null),
                ("account", entities.Accounts.Count == 1 ? entities.Accounts[0].Reference : null))),
            Intent.Transfer => Transfer(intent, confidence, entities),
            Intent.ExternalTransfer => External(intent, confidence, state, entities),
            Intent.KycStatus => OfflinePlan.Call(intent, confidence, Call("compliance", "get_kyc_status")),
            Intent.ReportFraud => OfflinePlan.Call(intent, confidence, Call("compliance", "report_fraud",
                ("description", Truncate(Redact(string.Join(" ", state.FrameTurns)), 500)), ("account", entities.Accounts.Count == 1 ? entities.Accounts[0].Reference : null))),
            Intent.TalkToHuman => OfflinePlan.Call(intent, confidence, Call("support", "escalate_to_human", ("reason", Truncate(Redact(text), 200)))),
            _ => OfflinePlan.Reply(Intent.Unknown, confidence, prompts.Reply("not_understood")),
        };
    }

    private (Intent Intent, double Confidence, TurnEntities Entities) Frame(DialogueState state, IntentResult last, TurnEntities lastEntities, IReadOnlyCollection<string> nicknames)
    {
        if (Actionable.Contains(last.Intent) || state.FrameTurns.Count < 2)
        {
            return (last.Intent, last.Confidence, lastEntities);
        }
        // The earliest actionable turn of the frame sets the intent; later turns fill its slots.
        for (var i = state.FrameTurns.Count - 2; i >= 0; i--)
        {
            var earlier = IntentClassifier.Classify(state.FrameTurns[i], nicknames: nicknames);
            if (!Actionable.Contains(earlier.Intent))
            {
                continue;
            }
            var merged = extractor.Extract(state.FrameTurns[i], nicknames);
            for (var j = i + 1; j < state.FrameTurns.Count; j++)
            {
                merged = Merge(merged, extractor.Extract(state.FrameTurns[j], nicknames));
            }
            return (earlier.Intent, earlier.Confidence, merged);
        }
        return (last.Intent, last.Confidence, lastEntities);
    }

    /// <summary>A later answer fills what is missing: a bare account goes to the empty side (from first), a bare amount to the amount.</summary>
    private static TurnEntities Merge(TurnEntities earlier, TurnEntities later)
    {
        var from = later.FromAccount ?? earlier.FromAccount;
        var to = later.ToAccount ?? earlier.ToAccount;
        var bare = later.Accounts.Where(a => a.Reference != later.FromAccount && a.Reference != later.ToAccount).Select(a => a.Reference).ToList();
        foreach (var reference in bare)
        {
            if (from is null && reference != to)
            {
                from = reference;
            }
            else if (to is null && reference != from)
            {
                to = reference;
            }
        }
        return earlier with
        {
            Amount = later.Amount ?? earlier.Amount,
            FromAccount = from,
            ToAccount = to,
            Accounts = [.. earlier.Accounts.Concat(later.Accounts).DistinctBy(a => a.Reference)],
            Dates = later.Dates ?? earlier.Dates,
            Days = later.Days ?? earlier.Days,
            Count = later.Count ?? earlier.Count,
            MinAmount = later.MinAmount ?? earlier.MinAmount,
            MaxAmount = later.MaxAmount ?? earlier.MaxAmount,
            Merchant = later.Merchant ?? earlier.Merchant,
            Placeholders = [.. earlier.Placeholders.Concat(later.Placeholders).Distinct()],
        };
    }

    private OfflinePlan Transfer(Intent intent, double confidence, TurnEntities e)
    {
        var amount = e.Amount is { } a ? OfflineReplyWriter.Format(a) : "money";
        if (e.FromAccount is null && e.ToAccount is null && e.Accounts.Count == 1)
        {
            // "move 200 to savings" was handled by direction; a lone account with no direction is the destination.
            e = e with { ToAccount = e.Accounts[0].Reference };
        }
        if (e.FromAccount is null)
        {
            return OfflinePlan.Reply(intent, confidence, prompts.Reply("ask_from_account", ("amount", amount)));
        }
        if (e.ToAccount is null)
        {
            return OfflinePlan.Reply(intent, confidence, prompts.Reply("ask_to_account", ("amount", amount)));
        }
        if (e.Amount is null)
        {
            return OfflinePlan.Reply(intent, confidence, prompts.Reply("ask_amount", ("from", e.FromAccount), ("to", e.ToAccount)));
        }
        return OfflinePlan.Call(intent, confidence, Call("transfers", "prepare_transfer",
            ("from_account", e.FromAccount), ("to_account", e.ToAccount), ("amount", e.Amount)));
    }

    private OfflinePlan External(Intent intent, double confidence, DialogueState state, TurnEntities e)
    {
        var all = string.Join(" ", state.FrameTurns);
        var bankAccounts = BankAccountPlaceholder().Matches(all).Select(m => m.Value).Distinct().ToList();
        string? routing = null, account = null;
        var routingMatch = RoutingPlaceholder().Match(all);
        if (routingMatch.Success)
        {
            routing = routingMatch.Groups["p"].Value;
        }
        else if (RoutingDigits().Match(all) is { Success: true } digits)
        {
            routing = digits.Groups["n"].Value;
        }
        account = bankAccounts.FirstOrDefault(p => p != routing) ?? e.Placeholders.FirstOrDefault(p => p.StartsWith("[ACCOUNT_NUMBER_", StringComparison.Ordinal));
        var name = Beneficiary().Match(all) is { Success: true } m ? m.Groups["name"].Value.Trim() : null;
        if (e.Amount is null)
        {
            // The amount may have been given in an earlier turn of the same request ("it's for Maria Lopez, 300 dollars").
            e = e with { Amount = state.FrameTurns.Reverse().Select(t => extractor.Extract(t).Amount).FirstOrDefault(a => a is not null) };
        }
        var from = e.FromAccount ?? (e.Accounts.FirstOrDefault(a => !a.Reference.StartsWith('[')) ?.Reference) ?? "checking";
        var missing = new List<string>();
        if (name is null)
        {
            missing.Add("the recipient's full name");
        }
        if (routing is null)
        {
            missing.Add("the routing number");
        }
        if (account is null)
        {
            missing.Add("their account number");
        }
        if (e.Amount is null)
        {
            missing.Add("the amount");
        }
        if (missing.Count > 0)
        {
            return OfflinePlan.Reply(intent, confidence, prompts.Reply("ask_external_details", ("missing", "Still needed: " + string.Join(", ", missing) + ".")));
        }
        return OfflinePlan.Call(intent, confidence, Call("transfers", "prepare_external_transfer",
            ("from_account", from), ("beneficiary_name", name), ("routing_number", routing), ("account_number", account), ("amount", e.Amount)));
    }

    private OfflinePlan MoreOrRecent(DialogueState state, Intent intent, double confidence, TurnEntities e, string text)
    {
        var norm = TextNormalizer.Normalize(text);
        if (norm.Contains(" more ", StringComparison.Ordinal)
            && state.AllCalls.LastOrDefault(c => c.Function == "get_recent_transactions") is { } previous
            && previous.ResultString("next_cursor") is { Length: > 0 } cursor)
        {
            var args = new Dictionary<string, object?>(previous.Arguments, StringComparer.Ordinal) { ["cursor"] = cursor };
            return OfflinePlan.Call(intent, confidence, new PlannedCall("transactions", "get_recent_transactions", args));
        }
        var days = e.Days ?? (e.Dates is { } d ? Math.Max(1, extractor.Today.DayNumber - d.From.DayNumber + 1) : null);
        return OfflinePlan.Call(intent, confidence, Call("transactions", "get_recent_transactions",
            ("account", e.Accounts.Count == 1 ? e.Accounts[0].Reference : null), ("days", days), ("limit", e.Count ?? 10),
            ("status", norm.Contains(" pending ", StringComparison.Ordinal) ? "pending" : null)));
    }

    /// <summary>Replaces "ordinal:2[:type]" references by the last four of the customer's n-th account (of that type).</summary>
    private static TurnEntities? ResolveOrdinals(TurnEntities e, ToolExchange listed)
    {
        if (listed.Result is not { ValueKind: System.Text.Json.JsonValueKind.Object } r || !r.TryGetProperty("accounts", out var list))
        {
            return null;
        }
        var accounts = list.EnumerateArray().Select(a => (Type: a.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "", Last4: a.TryGetProperty("last_four", out var l) ? l.GetString() ?? "" : "")).ToList();
        string? Resolve(string? reference)
        {
            if (reference is null || !reference.StartsWith("ordinal:", StringComparison.Ordinal))
            {
                return reference;
            }
            var parts = reference.Split(':');
            var n = int.Parse(parts[1], CultureInfo.InvariantCulture);
            var pool = parts.Length > 2 ? accounts.Where(a => a.Type.Replace(' ', '_') == parts[2]).ToList() : accounts;
            return n >= 1 && n <= pool.Count ? "ending " + pool[n - 1].Last4 : null;
        }
        var mentions = e.Accounts.Select(a => a with { Reference = Resolve(a.Reference) ?? "" }).ToList();
        if (mentions.Any(m => m.Reference.Length == 0))
        {
            return null;
        }
        return e with { Accounts = mentions, FromAccount = Resolve(e.FromAccount), ToAccount = Resolve(e.ToAccount) };
    }

    private static PlannedCall Call(string plugin, string function, params (string Name, object? Value)[] args) =>
        new(plugin, function, args.Where(a => a.Value is not null).ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal));

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Free text for a tool (a reason, a description) never carries personal data: placeholders become their type.</summary>
    private static string Redact(string text) => AnyPlaceholder().Replace(text, m => "(" + m.Groups["type"].Value.ToLowerInvariant().Replace('_', ' ') + " given)");

    [GeneratedRegex(@"\[(?<type>[A-Z_]+?)_\d+\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AnyPlaceholder();

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private static string? SearchWords(string text)
    {
        var m = SearchFor().Match(text);
        return m.Success ? m.Groups["q"].Value.Trim() : null;
    }

    [GeneratedRegex(@"\[BANK_ACCOUNT_\d+\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BankAccountPlaceholder();

    [GeneratedRegex(@"(?i)\b(?:routing|aba|rtn)\b\D{0,20}(?<p>\[BANK_ACCOUNT_\d+\])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex RoutingPlaceholder();

    [GeneratedRegex(@"(?i)\b(?:routing|aba|rtn)\b\D{0,20}(?<n>\d{9})\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex RoutingDigits();

    [GeneratedRegex(@"\b(?:to|pay|for|beneficiary|recipient)\s+(?<name>[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+){1,3})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Beneficiary();

    [GeneratedRegex(@"(?i)\b(?:search|find|look for|look up)\s+(?:for\s+)?(?:the\s+|my\s+|any\s+)?(?<q>[\w\s'&]{2,40}?)(?:\s+(?:in|on|from|last|this)\b|[?.!]|$)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SearchFor();
}
