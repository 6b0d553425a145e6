using System.Globalization;
using System.Text;
using System.Text.Json;
using BankingLlm.Assistant.Agent.Prompts;

namespace BankingLlm.Assistant.Agent.Offline;

/// <summary>Phrases the offline model's reply from the results of the tool calls it made this turn, with the templates of prompts/.</summary>
public sealed class OfflineReplyWriter(PromptCatalog prompts)
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public string Write(IReadOnlyList<ToolExchange> calls)
    {
        if (calls.FirstOrDefault(c => c.IsRefusal) is { } refused)
        {
            return prompts.Reply("refused", ("message", refused.ResultString("message") ?? prompts.Reply("tool_failed")));
        }
        if (calls.FirstOrDefault(c => c.ResultString("status") == "error") is not null)
        {
            return prompts.Reply("tool_failed");
        }
        var parts = new List<string>();
        foreach (var call in calls)
        {
            if (Phrase(call, calls) is { Length: > 0 } text)
            {
                parts.Add(text);
            }
        }
        return parts.Count == 0 ? prompts.Reply("tool_failed") : string.Join("\n", parts);
    }

    private string? Phrase(ToolExchange call, IReadOnlyList<ToolExchange> all)
    {
        if (call.Result is not { ValueKind: JsonValueKind.Object } r)
        {
            return null;
        }
        return call.Function switch
        {
            "list_accounts" => prompts.Reply("list_accounts", ("lines", Lines(r, "accounts", a => prompts.Reply("account_line",
                ("account", Str(a, "account")), ("balance", Money(a, "balance")), ("available", Money(a, "available_balance")))))),
            "get_balance" => Dec(r, "pending_balance") is { } pending && pending != 0m
                ? prompts.Reply("balance_with_pending", ("account", Str(r, "account")), ("balance", Money(r, "balance")), ("available", Money(r, "available_balance")), ("pending", Format(pending)))
                : prompts.Reply("balance", ("account", Str(r, "account")), ("balance", Money(r, "balance")), ("available", Money(r, "available_balance"))),
            "get_account_details" => prompts.Reply("account_details", ("account", Str(r, "account")), ("details", Details(r))),
            "get_recent_transactions" or "search_transactions" => Transactions(r),
            "get_spending_summary" => Spending(r),
            "prepare_transfer" or "prepare_external_transfer" => Str(r, "status") == "awaiting_confirmation"
                ? prompts.Reply("transfer_prepared", ("summary", Str(r, "summary")))
                : prompts.Reply("refused", ("message", Str(r, "message"))),
            "confirm_transfer" => r.TryGetProperty("already_executed", out var again) && again.ValueKind == JsonValueKind.True
                ? prompts.Reply("transfer_already_done", ("reference", Str(r, "reference")))
                : prompts.Reply("transfer_done", ("summary", Str(r, "summary")), ("reference", Str(r, "reference"))),
            // A cancel that is only the first half of a correction needs no words of its own.
            "cancel_transfer" => all.Any(c => c.Function.StartsWith("prepare_", StringComparison.Ordinal)) ? null : prompts.Reply("transfer_cancelled"),
            "get_kyc_status" => prompts.Reply("kyc_status", ("message", Str(r, "message"))),
            "report_fraud" => Str(r, "suspend_action_id").Length > 0
                ? prompts.Reply("fraud_suspend_offer", ("message", Str(r, "message")), ("summary", Str(r, "suspend_summary")))
                : prompts.Reply("fraud_reported", ("message", Str(r, "message"))),
            "confirm_account_suspension" or "escalate_to_human" => prompts.Reply("escalated", ("message", Str(r, "message"))),
            _ => Str(r, "message") is { Length: > 0 } message ? message : null,
        };
    }

    private string Transactions(JsonElement r)
    {
        if (!r.TryGetProperty("transactions", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            return prompts.Reply("no_transactions");
        }
        var text = prompts.Reply("transactions", ("lines", Lines(r, "transactions", t =>
        {
            var sign = Str(t, "direction") == "in" ? "+" : "-";
            var description = Str(t, "merchant") is { Length: > 0 } m ? m : Str(t, "description");
            return prompts.Reply("transaction_line",
                ("date", Str(t, "date") is { Length: >= 10 } d ? d[..10] : Str(t, "date")),
                ("description", description),
                ("amount", sign + Money(t, "amount")),
                ("status", Str(t, "status")));
        }, max: 10)));
        return Str(r, "next_cursor").Length > 0 ? text + "\n" + prompts.Reply("transactions_more") : text;
    }

    private string Spending(JsonElement r)
    {
        if (Dec(r, "count") is null or 0m)
        {
            return prompts.Reply("no_spending", ("from", Str(r, "from")), ("to", Str(r, "to")));
        }
        return prompts.Reply("spending", ("from", Str(r, "from")), ("to", Str(r, "to")), ("total", Money(r, "total")),
            ("count", Str(r, "count")), ("lines", Lines(r, "groups", g => prompts.Reply("spending_line", ("name", Str(g, "name")), ("total", Money(g, "total"))), max: 8)));
    }

    private static string Details(JsonElement r)
    {
        var parts = new List<string>();
        if (Dec(r, "interest_rate_percent") is { } rate)
        {
            parts.Add(string.Create(Us, $"interest rate {rate:0.###}%"));
        }
        if (Dec(r, "apr_percent") is { } apr)
        {
            parts.Add(string.Create(Us, $"APR {apr:0.###}%"));
        }
        if (Dec(r, "credit_limit") is { } limit)
        {
            parts.Add($"credit limit {Format(limit)}");
        }
        if (Dec(r, "minimum_balance") is { } min)
        {
            parts.Add($"minimum balance {Format(min)}");
        }
        if (r.TryGetProperty("overdraft_protection", out var od))
        {
            parts.Add(od.ValueKind == JsonValueKind.True ? "overdraft protection on" : "no overdraft protection");
        }
        if (Str(r, "opened_date") is { Length: > 0 } opened)
        {
            parts.Add($"opened {opened}");
        }
        if (Str(r, "ownership") is { Length: > 0 } ownership)
        {
            parts.Add($"{ownership} ownership");
        }
        return string.Join(", ", parts);
    }

    private static string Lines(JsonElement r, string property, Func<JsonElement, string> line, int max = 20)
    {
        if (!r.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return "";
        }
        var sb = new StringBuilder();
        foreach (var item in list.EnumerateArray().Take(max))
        {
            sb.AppendLine(line(item));
        }
        return sb.ToString().TrimEnd();
    }

    private static string Str(JsonElement e, string property) =>
        e.TryGetProperty(property, out var p) ? p.ValueKind switch
        {
            JsonValueKind.String => p.GetString() ?? "",
            JsonValueKind.Number => p.GetRawText(),
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            _ => "",
        } : "";

    private static decimal? Dec(JsonElement e, string property) =>
        e.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetDecimal(out var d) ? d : null;

    private static string Money(JsonElement e, string property) => Dec(e, property) is { } d ? Format(d) : "";

    /// <summary>Dollars with cents, US style: $1,250.00.</summary>
    internal static string Format(decimal amount) => amount.ToString("C", Us);
}
