using System.Globalization;
using BankingLlm.Assistant.Agent.Offline;
using BankingLlm.TestSupport;

namespace BankingLlm.Assistant.Tests.Agent.Offline;

/// <summary>
/// The paraphrase table (paraphrases.txt): hundreds of ways customers phrase each intent, with the entities the
/// offline model must pull out. One test case per row, so a failure names the sentence and what differed.
/// </summary>
public sealed class ParaphraseTableTests
{
    private static readonly string[] Nicknames = ["Everyday", "Rainy Day", "Holiday Fund"];
    private static readonly EntityExtractor Extractor = new(new FixedClock(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)));

    public static TheoryData<int, string> Rows()
    {
        var data = new TheoryData<int, string>();
        foreach (var row in ParaphraseRow.Load())
        {
            data.Add(row.Line, row.Text);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Row_is_understood(int line, string text)
    {
        _ = text;
        var row = ParaphraseRow.Load().Single(r => r.Line == line);
        var problems = ParaphraseRow.Check(row, Extractor, Nicknames);
        Assert.True(problems.Count == 0, $"paraphrases.txt line {line}: \"{row.Text}\": {string.Join("; ", problems)}");
    }

    [Fact]
    public void The_table_is_large_and_covers_every_intent()
    {
        var rows = ParaphraseRow.Load();
        Assert.True(rows.Count >= 300, $"only {rows.Count} rows");
        foreach (var intent in Enum.GetValues<Intent>())
        {
            Assert.True(rows.Count(r => r.Intent == intent) >= 5, $"fewer than 5 rows for {intent}");
        }
    }
}

/// <summary>One row of paraphrases.txt.</summary>
internal sealed record ParaphraseRow(int Line, string Text, Intent Intent, IReadOnlyDictionary<string, string> Expect)
{
    private static readonly Lazy<IReadOnlyList<ParaphraseRow>> Rows = new(Parse);

    public static IReadOnlyList<ParaphraseRow> Load() => Rows.Value;

    private static IReadOnlyList<ParaphraseRow> Parse()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Agent", "Offline", "paraphrases.txt");
        var rows = new List<ParaphraseRow>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith('#') || line.Trim().Length == 0)
            {
                continue;
            }
            var parts = line.Split('|');
            if (parts.Length is < 2 or > 3 || !Enum.TryParse<Intent>(parts[1].Trim(), out var intent))
            {
                throw new FormatException($"paraphrases.txt line {i + 1}: expected 'text | Intent | key=value; ...'");
            }
            var expect = new Dictionary<string, string>(StringComparer.Ordinal);
            if (parts.Length == 3)
            {
                foreach (var pair in parts[2].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        throw new FormatException($"paraphrases.txt line {i + 1}: '{pair}' is not key=value");
                    }
                    expect[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
                }
            }
            rows.Add(new ParaphraseRow(i + 1, parts[0].Trim(), intent, expect));
        }
        return rows;
    }

    /// <summary>What the model got wrong on this row; empty when it got everything right.</summary>
    public static List<string> Check(ParaphraseRow row, EntityExtractor extractor, IReadOnlyCollection<string> nicknames)
    {
        var problems = new List<string>();
        var pending = row.Expect.TryGetValue("pending", out var p) && p == "yes";
        var result = IntentClassifier.Classify(row.Text, pending, nicknames);
        if (result.Intent != row.Intent)
        {
            problems.Add($"intent {result.Intent} (cues: {string.Join(", ", result.Cues)}), expected {row.Intent}");
        }
        var e = extractor.Extract(row.Text, nicknames);
        foreach (var (key, expected) in row.Expect)
        {
            var seen = key switch
            {
                "pending" => expected,
                "amount" => Dec(e.Amount),
                "from" => e.FromAccount,
                "to" => e.ToAccount,
                "account" => e.Accounts.Count > 0 ? e.Accounts[0].Reference : null,
                "accounts" => string.Join(",", e.Accounts.Select(a => a.Reference)),
                "days" => e.Days?.ToString(CultureInfo.InvariantCulture),
                "count" => e.Count?.ToString(CultureInfo.InvariantCulture),
                "min" => Dec(e.MinAmount),
                "max" => Dec(e.MaxAmount),
                "merchant" => e.Merchant,
                "dates" => e.Dates is { } d ? $"{d.From:yyyy-MM-dd}..{d.To:yyyy-MM-dd}" : null,
                _ => throw new FormatException($"paraphrases.txt line {row.Line}: unknown key '{key}'"),
            };
            var equal = key is "amount" or "min" or "max"
                ? seen is not null && decimal.Parse(seen, CultureInfo.InvariantCulture) == decimal.Parse(expected, CultureInfo.InvariantCulture)
                : key == "merchant" ? string.Equals(seen, expected, StringComparison.OrdinalIgnoreCase) : seen == expected;
            if (!equal)
            {
                problems.Add($"{key} '{seen ?? "(none)"}', expected '{expected}'");
            }
        }
        return problems;
    }

    private static string? Dec(decimal? d) => d?.ToString(CultureInfo.InvariantCulture);
}
