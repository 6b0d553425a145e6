using System.Globalization;
using BankingLlm.Assistant.Agent.History;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Benchmarks;

/// <summary>A percentile of the measured iterations (BDN's built-in set has P95 and P100 but no P99).</summary>
internal sealed class PercentileColumn(int percentile) : IColumn
{
    public static readonly IColumn P50 = new PercentileColumn(50);
    public static readonly IColumn P95 = new PercentileColumn(95);
    public static readonly IColumn P99 = new PercentileColumn(99);

    public string Id => $"{nameof(PercentileColumn)}.P{percentile}";

    public string ColumnName => $"P{percentile}";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Statistics;

    public int PriorityInCategory => percentile;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Time;

    public string Legend => $"{percentile}th percentile of the measured iterations";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null)
        {
            return "NA";
        }

        var nanoseconds = statistics.Percentiles.Percentile(percentile);
        return nanoseconds >= 1_000_000
            ? (nanoseconds / 1_000_000).ToString("N2", CultureInfo.InvariantCulture) + " ms"
            : (nanoseconds / 1_000).ToString("N2", CultureInfo.InvariantCulture) + " μs";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public override string ToString() => ColumnName;
}

/// <summary>Masked banking conversations and customer messages for the token benchmarks.</summary>
internal static class TokenCountingData
{
    private static readonly string[] Openers =
    [
        "Hi, could you tell me", "Please check", "I need to know", "Can you look up", "Quick question about",
        "I'm worried about", "Help me understand", "I'd like to see",
    ];

    private static readonly string[] Subjects =
    [
        "the balance of my checking account ending in [ACCOUNT_1]", "why my card payment to the grocery store was declined yesterday",
        "the last ten transactions on savings since the first of the month", "whether the transfer to [PERSON_1] of 250.00 went through",
        "the overdraft fee I was charged on Tuesday", "how much interest my savings earned this quarter",
        "my credit card limit and the minimum payment due", "a pending deposit of 1,234.56 from my employer",
    ];

    private static readonly string[] Tails =
    [
        "and whether anything looks unusual to you.", "because I have rent due on Friday and need to plan ahead.",
        "- I think something is off with the amounts shown in the app.", "and please keep it short, I'm on my phone.",
    ];

    /// <summary>Distinct customer messages of 150-230 characters.</summary>
    public static string[] NewMessageTexts(int count)
    {
        var texts = new string[count];
        for (var i = 0; i < count; i++)
        {
            texts[i] = $"{Openers[i % Openers.Length]} {Subjects[i / Openers.Length % Subjects.Length]} {Tails[i % Tails.Length]} Ref {i * 7919 % 100_000:D5}.";
        }

        return texts;
    }

    public static ChatHistory Conversation(int turns, int pendingAtTurn)
    {
        var history = new ChatHistory("You are the bank's assistant. Answer only about the customer's own accounts. Money moves only after the customer confirms.");
        for (var turn = 1; turn <= turns; turn++)
        {
            var callId = $"call_{turn}";
            history.AddUserMessage($"Turn {turn}: what is the balance of my checking account ending in [ACCOUNT_{turn % 7}] please?");
            history.Add(new ChatMessageContent(AuthorRole.Assistant,
                [new FunctionCallContent("get_balance", "accounts", callId, new KernelArguments { ["account"] = $"[ACCOUNT_{turn % 7}]" })]));
            history.Add(new ChatMessageContent(AuthorRole.Tool,
                [new FunctionResultContent("get_balance", "accounts", callId, $"{{\"account\":\"****{1000 + turn}\",\"available\":\"{turn * 13.37m:F2}\"}}")]));
            var reply = new ChatMessageContent(AuthorRole.Assistant, $"Your checking account ending in {1000 + turn} has {turn * 13.37m:F2} USD available.");
            if (turn == pendingAtTurn)
            {
                HistoryMetadata.MarkPendingConfirmation(reply, "act-bench");
            }

            history.Add(reply);
        }

        history.AddUserMessage("Yes, go ahead.");
        return history;
    }
}
