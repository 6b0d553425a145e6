using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.DateTime;
using Microsoft.Recognizers.Text.Number;
using Microsoft.Recognizers.Text.NumberWithUnit;

namespace BankingLlm.Assistant.Agent.Offline;

/// <summary>
/// Pulls amounts, dates, counts and account references out of a masked turn. Amounts and dates come from
/// Microsoft.Recognizers.Text ("two hundred dollars", "$1,250.50", "last week", "since March 3rd"); account
/// references from the bank's own vocabulary (types, nicknames, "ending 4821", placeholders).
/// </summary>
public sealed partial class EntityExtractor(TimeProvider clock)
{
    private static readonly (string Phrase, string Reference)[] AccountTypes =
    [
        ("money market", "money_market"), ("credit card", "credit_card"), ("creditcard", "credit_card"), ("card", "credit_card"),
        ("checking", "checking"), ("current account", "checking"), ("savings", "savings"), ("saving", "savings"),
        ("loan", "loan"), ("mortgage", "loan"), ("investment", "investment"), ("brokerage", "investment"),
    ];

    private const int CacheLimit = 4096;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TurnEntities> _cache = new(System.StringComparer.Ordinal);

    /// <summary>
    /// The entities of a turn. Results are memoised per text, nicknames and day: the planner reads the same turns on
    /// every round of a conversation, and the recognizers are the costly part of the offline model.
    /// </summary>
    public TurnEntities Extract(string text, IReadOnlyCollection<string>? nicknames = null)
    {
        var key = string.Join('\u0001', [DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).DayNumber.ToString(CultureInfo.InvariantCulture), text, .. nicknames ?? []]);
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }
        if (_cache.Count >= CacheLimit)
        {
            _cache.Clear();
        }
        return _cache[key] = ExtractCore(text, nicknames);
    }

    private TurnEntities ExtractCore(string text, IReadOnlyCollection<string>? nicknames)
    {
        var norm = TextNormalizer.Normalize(text);
        var placeholders = Placeholder().Matches(text).Select(m => m.Value).Distinct().ToList();
        var mentions = AccountMentions(text, norm, nicknames ?? []);
        var (from, to) = Direction(norm, mentions);
        var amount = Amount(text, placeholders);
        var (min, max) = Bounds(norm);
        return new TurnEntities(
            amount,
            mentions,
            from,
            to,
            Dates(text),
            Days(norm),
            Count(norm),
            min,
            max,
            Merchant(text),
            placeholders);
    }

    /// <summary>The money amount of a turn: a currency expression, else a bare number in a money context ("make it 300").</summary>
    public static decimal? Amount(string text, IReadOnlyCollection<string>? placeholders = null)
    {
        if (!NumberCue().IsMatch(text))
        {
            return null;
        }
        var cleaned = Placeholder().Replace(text, " ");
        cleaned = EndingDigits().Replace(cleaned, " ");
        foreach (var result in NumberWithUnitRecognizer.RecognizeCurrency(cleaned, Culture.English))
        {
            if (result.Resolution is { } r && r.TryGetValue("value", out var v) && v is string s
                && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                return decimal.Round(value, 2);
            }
        }
        foreach (var result in NumberRecognizer.RecognizeNumber(cleaned, Culture.English))
        {
            if (result.Resolution is { } r && r.TryGetValue("value", out var v) && v is string s
                && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value > 0
                && !LooksLikeCountOrDays(cleaned, result.End))
            {
                return decimal.Round(value, 2);
            }
        }
        return null;
    }

    private static bool LooksLikeCountOrDays(string text, int end)
    {
        var after = text[(end + 1)..].TrimStart().ToLowerInvariant();
        return after.StartsWith("day", StringComparison.Ordinal) || after.StartsWith("week", StringComparison.Ordinal)
            || after.StartsWith("month", StringComparison.Ordinal) || after.StartsWith("transaction", StringComparison.Ordinal)
            || after.StartsWith("year", StringComparison.Ordinal) || after.StartsWith("purchase", StringComparison.Ordinal)
            || after.StartsWith("item", StringComparison.Ordinal) || after.StartsWith("payment", StringComparison.Ordinal)
            || after.StartsWith("charge", StringComparison.Ordinal);
    }

    private DateRange? Dates(string text)
    {
        // The date recognizer is the slowest step: run it only when the turn can hold a date at all.
        if (!DateCue().IsMatch(text))
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var result in DateTimeRecognizer.RecognizeDateTime(text, Culture.English, DateTimeOptions.None, now))
        {
            if (result.Resolution is not { } r || !r.TryGetValue("values", out var raw) || raw is not IEnumerable<Dictionary<string, string>> values)
            {
                continue;
            }
            // Ambiguous expressions ("March") resolve to past and future; a bank history wants the latest past one.
            foreach (var value in values.Reverse())
            {
                var type = value.GetValueOrDefault("type");
                if (type == "daterange" || type == "datetimerange")
                {
                    var start = Parse(value.GetValueOrDefault("start"));
                    var end = Parse(value.GetValueOrDefault("end"));
                    if (start is not null && start <= DateOnly.FromDateTime(now))
                    {
                        var to = end ?? DateOnly.FromDateTime(now);
                        // The recognizer's end is exclusive.
                        to = end is null ? to : to.AddDays(-1);
                        return new DateRange(start.Value, to < start.Value ? start.Value : to);
                    }
                }
                else if (type == "date" && Parse(value.GetValueOrDefault("value")) is { } day && day <= DateOnly.FromDateTime(now))
                {
                    return new DateRange(day, day);
                }
            }
        }
        return null;
    }

    private static DateOnly? Parse(string? value) =>
        value is not null && DateOnly.TryParse(value.AsSpan(0, Math.Min(10, value.Length)), CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static int? Days(string norm)
    {
        var m = LastNDays().Match(norm);
        if (m.Success && int.TryParse(m.Groups["n"].Value, CultureInfo.InvariantCulture, out var n))
        {
            return m.Groups["unit"].Value.StartsWith("week", StringComparison.Ordinal) ? n * 7
                : m.Groups["unit"].Value.StartsWith("month", StringComparison.Ordinal) ? n * 30 : n;
        }
        return null;
    }

    private static int? Count(string norm)
    {
        var m = LastNTransactions().Match(norm);
        return m.Success && int.TryParse(m.Groups["n"].Value, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static (decimal? Min, decimal? Max) Bounds(string norm)
    {
        decimal? min = null, max = null;
        var over = Over().Match(norm);
        if (over.Success)
        {
            min = decimal.Parse(over.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        }
        var under = Under().Match(norm);
        if (under.Success)
        {
            max = decimal.Parse(under.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        }
        return (min, max);
    }

    private static string? Merchant(string text)
    {
        var m = MerchantPhrase().Match(text);
        if (!m.Success)
        {
            return null;
        }
        var name = m.Groups["name"].Value.Trim();
        return name.Length is >= 2 and <= 60 && !name.StartsWith('[') ? name : null;
    }

    private static List<AccountMention> AccountMentions(string text, string norm, IReadOnlyCollection<string> nicknames)
    {
        var mentions = new List<AccountMention>();
        foreach (Match m in Placeholder().Matches(text))
        {
            if (m.Value.StartsWith("[ACCOUNT_NUMBER_", StringComparison.Ordinal))
            {
                mentions.Add(new AccountMention(m.Value, Position(norm, m.Value.ToLowerInvariant())));
            }
        }
        foreach (Match m in EndingDigits().Matches(text))
        {
            mentions.Add(new AccountMention("ending " + m.Groups["last4"].Value, Position(norm, m.Groups["last4"].Value)));
        }
        foreach (var nickname in nicknames)
        {
            var pos = Position(norm, nickname.ToLowerInvariant());
            if (pos >= 0)
            {
                mentions.Add(new AccountMention(nickname, pos));
            }
        }
        var taken = new List<(int Start, int End)>();
        foreach (var (phrase, reference) in AccountTypes)
        {
            var pos = Position(norm, phrase);
            if (pos >= 0 && !taken.Any(t => pos >= t.Start && pos < t.End))
            {
                taken.Add((pos, pos + phrase.Length));
                mentions.Add(new AccountMention(reference, pos));
            }
        }
        return [.. mentions.Where(m => m.Position >= 0).GroupBy(m => m.Reference).Select(g => g.First()).OrderBy(m => m.Position)];
    }

    private static int Position(string norm, string phrase)
    {
        var i = norm.IndexOf(" " + phrase + " ", StringComparison.Ordinal);
        if (i < 0)
        {
            i = norm.IndexOf(" " + phrase + "s ", StringComparison.Ordinal);
        }
        return i < 0 ? -1 : i + 1;
    }

    /// <summary>"from X to Y", "X to Y", "to Y from X", "into Y".</summary>
    private static (string? From, string? To) Direction(string norm, List<AccountMention> mentions)
    {
        string? from = null, to = null;
        foreach (var m in mentions)
        {
            var before = norm[..m.Position].TrimEnd();
            if (before.EndsWith(" from", StringComparison.Ordinal) || before.EndsWith(" from my", StringComparison.Ordinal) || before.EndsWith(" out of my", StringComparison.Ordinal) || before.EndsWith(" out of", StringComparison.Ordinal) || before.EndsWith(" from the", StringComparison.Ordinal))
            {
                from ??= m.Reference;
            }
            else if (before.EndsWith(" to", StringComparison.Ordinal) || before.EndsWith(" to my", StringComparison.Ordinal) || before.EndsWith(" into", StringComparison.Ordinal) || before.EndsWith(" into my", StringComparison.Ordinal) || before.EndsWith(" to the", StringComparison.Ordinal) || before.EndsWith(" towards my", StringComparison.Ordinal) || before.EndsWith(" off my", StringComparison.Ordinal) || before.EndsWith(" pay", StringComparison.Ordinal) || before.EndsWith(" pay my", StringComparison.Ordinal))
            {
                to ??= m.Reference;
            }
        }
        if (mentions.Count == 2 && from is null && to is null)
        {
            (from, to) = (mentions[0].Reference, mentions[1].Reference);
        }
        else if (mentions.Count == 2 && from is null)
        {
            from = mentions.First(m => m.Reference != to).Reference;
        }
        else if (mentions.Count == 2 && to is null)
        {
            to = mentions.First(m => m.Reference != from).Reference;
        }
        return (from, to);
    }

    [GeneratedRegex(@"\[[A-Z_]+_\d+\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?i)\d|\b(?:today|yesterday|tomorrow|tonight|last|past|previous|this|next|since|ago|week|weekend|month|year|day|days|morning|evening|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex DateCue();

    [GeneratedRegex(@"(?i)\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|a grand|grand|dozen|half)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex NumberCue();

    [GeneratedRegex(@"(?i)\b(?:ending|ends|ending in|ends in|last four|last 4|x{2,}|\*{2,})\s*(?:in\s+|with\s+|is\s+)?(?<last4>\d{4})\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex EndingDigits();

    [GeneratedRegex(@" (?:last|past|previous) (?<n>\d{1,3}) (?<unit>days?|weeks?|months?) ", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex LastNDays();

    [GeneratedRegex(@" (?:last|latest|recent|past) (?<n>\d{1,3}) (?:transactions?|purchases?|payments?|charges?|items?) ", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex LastNTransactions();

    [GeneratedRegex(@" (?:over|above|more than|greater than|at least|bigger than) \$?(?<n>\d[\d,]*(?:\.\d{1,2})?) ", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Over();

    [GeneratedRegex(@" (?:under|below|less than|smaller than|at most) \$?(?<n>\d[\d,]*(?:\.\d{1,2})?) ", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Under();

    [GeneratedRegex(@"(?:\b(?:at|from|to|with)\s+)(?<name>[A-Z][\w'&]*(?:\s+[A-Z][\w'&]*){0,3})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex MerchantPhrase();
}
