using System.Globalization;
using BankingLlm.Data.Entities;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>Checks a turn's assertions (and the automatic ones) against what the turn did.</summary>
public static class TurnChecks
{
    public static IEnumerable<TranscriptFailure> Check(Transcript transcript, TranscriptTurn turn, TurnObservation seen)
    {
        var e = turn.Expect;
        var failures = new List<TranscriptFailure>();
        void Fail(string key, string expected, string actual) =>
            failures.Add(new TranscriptFailure(transcript.File, e.LineOf(key, turn.Line), turn.Number, turn.Describe(), key, expected, actual));

        if (e.Error is not null)
        {
            if (seen.Error != e.Error)
            {
                Fail("error", $"[{e.Error}]", seen.Error is null ? $"no error (reply \"{Short(seen.Reply)}\")" : $"[{seen.Error}]");
            }
        }
        else if (seen.Error is not null && turn.Kind != TurnKind.Expire)
        {
            Fail("hub", "a reply", $"the hub answered [{seen.Error}]");
        }

        var tools = seen.AuditedTools;
        if (e.Tools is { } expectedTools)
        {
            var ok = e.ToolsExact ? tools.SequenceEqual(expectedTools, StringComparer.Ordinal) : IsSubsequence(expectedTools, tools);
            if (!ok)
            {
                Fail(e.ToolsExact ? "tools_exact" : "tools", List(expectedTools) + (e.ToolsExact ? " and nothing else" : " in this order"), List(tools));
            }
        }
        if (e.NoTools && tools.Count > 0)
        {
            Fail("no_tools", "no tool calls", List(tools));
        }
        if (e.ForbidTools is { } forbidden && tools.Where(t => forbidden.Any(f => Matches(f, t))).ToList() is { Count: > 0 } hits)
        {
            Fail("forbid_tools", "none of " + List(forbidden), List(hits));
        }
        foreach (var text in e.ReplyContains ?? [])
        {
            if (!seen.Reply.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                Fail("reply_contains", $"the reply to contain \"{text}\"", Quote(seen.Reply));
            }
        }
        foreach (var text in e.ReplyNotContains ?? [])
        {
            if (text.Length > 0 && seen.Reply.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                Fail("reply_not_contains", $"the reply not to contain \"{text}\"", Quote(seen.Reply));
            }
        }
        foreach (var pattern in e.ReplyMatches ?? [])
        {
            if (!pattern.IsMatch(seen.Reply))
            {
                Fail("reply_matches", $"the reply to match /{pattern}/", Quote(seen.Reply));
            }
        }
        foreach (var pattern in e.ReplyNotMatches ?? [])
        {
            if (pattern.IsMatch(seen.Reply))
            {
                Fail("reply_not_matches", $"the reply not to match /{pattern}/", Quote(seen.Reply));
            }
        }
        if (e.Pii is { } pii)
        {
            var expected = pii.Select(p => p.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
            var actual = seen.PiiTypes.Distinct().Order(StringComparer.Ordinal).ToList();
            if (!expected.SequenceEqual(actual, StringComparer.Ordinal))
            {
                Fail("pii", List(expected), List(actual));
            }
        }
        if (e.Masked is { } masked && !string.Equals(masked, seen.Masked, StringComparison.Ordinal))
        {
            Fail("masked", Quote(masked), seen.Masked is null ? "no message given to the model" : Quote(seen.Masked));
        }
        CheckBalances(e.Balances, seen.Balances, (expected, actual) => Fail("balances", expected, actual));
        if (e.Pending is { } pending && pending != seen.Pending)
        {
            Fail("pending", pending ? "an action awaiting confirmation" : "no pending action", seen.Pending ? "an action awaiting confirmation" : "no pending action");
        }
        if (e.ComplianceEvents is { } events)
        {
            CheckEvents(events, seen.ComplianceEvents, (expected, actual) => Fail("compliance_events", expected, actual));
        }

        // Automatic: every tool call the model made this turn has exactly one audit row.
        if (seen.Error is null && !SameMultiset(seen.ModelCalls, tools))
        {
            failures.Add(new TranscriptFailure(transcript.File, turn.Line, turn.Number, turn.Describe(), "audit (automatic)",
                "one audit_logs row per tool call " + List(seen.ModelCalls), "audit rows " + List(tools)));
        }
        return failures;
    }

    public static void CheckBalances(IReadOnlyList<BalanceExpectation>? expected, IReadOnlyDictionary<int, decimal> seen, Action<string, string> fail)
    {
        foreach (var b in expected ?? [])
        {
            var actual = seen.TryGetValue(b.AccountIndex, out var v) ? v : (decimal?)null;
            if (actual != b.Amount)
            {
                fail($"{b.Reference} = {Money(b.Amount)}", actual is null ? "no such account" : $"{b.Reference} = {Money(actual.Value)}");
            }
        }
    }

    public static void CheckEvents(IReadOnlyList<ComplianceEventType> expected, IReadOnlyList<ComplianceEventType> seen, Action<string, string> fail)
    {
        var e = expected.Select(EnumNames.ToSnake).Distinct().Order(StringComparer.Ordinal).ToList();
        var s = seen.Select(EnumNames.ToSnake).Distinct().Order(StringComparer.Ordinal).ToList();
        if (!e.SequenceEqual(s, StringComparer.Ordinal))
        {
            fail(List(e), List(s));
        }
    }

    /// <summary>"transfers.*" matches the whole plugin.</summary>
    public static bool Matches(string pattern, string tool) =>
        pattern.EndsWith(".*", StringComparison.Ordinal) ? tool.StartsWith(pattern[..^1], StringComparison.Ordinal) : tool == pattern;

    private static bool IsSubsequence(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var i = 0;
        foreach (var tool in actual)
        {
            if (i < expected.Count && tool == expected[i])
            {
                i++;
            }
        }
        return i == expected.Count;
    }

    private static bool SameMultiset(IEnumerable<string> a, IEnumerable<string> b) =>
        a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    public static string List(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

    public static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    public static string Quote(string text) => "\"" + Short(text) + "\"";

    private static string Short(string text) => text.Length <= 300 ? text : text[..297] + "...";
}
