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

    /// <summary>Today's date on the model's clock (UTC).</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
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
        var (min, max) = BoundsOf(norm);
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
            Merchant(text, norm),
            placeholders);
    }

    /// <summary>
    /// The money amount of a turn: a currency expression ("$1,250.50", "two hundred bucks", "£150", "2 grand",
    /// "1.5k"), else a bare number in a money context ("make it 300"). Account digits ("ending 4821"), ordinals,
    /// counts and day spans are never amounts.
    /// </summary>
    public static decimal? Amount(string text, IReadOnlyCollection<string>? placeholders = null)
    {
        if (!NumberCue().IsMatch(text))
        {
            return null;
        }
        var cleaned = Placeholder().Replace(text, " ");
        cleaned = SpokenEnding().Replace(EndingDigits().Replace(cleaned, " "), " ");
        cleaned = Thousands().Replace(Grand().Replace(cleaned, " thousand"), "${n} thousand");
        var norm = TextNormalizer.Normalize(cleaned);
        norm = Ordinal().Replace(EndingDigits().Replace(norm, " "), " ");
        foreach (var candidate in (string[])[norm, cleaned])
        {
            foreach (var result in NumberWithUnitRecognizer.RecognizeCurrency(candidate, Culture.English))
            {
                if (result.Resolution is { } r && r.TryGetValue("value", out var v) && v is string s
                    && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value > 0)
                {
                    return decimal.Round(value, 2);
                }
            }
        }
        foreach (var result in NumberRecognizer.RecognizeNumber(norm, Culture.English))
        {
            if (result.Resolution is { } r && r.TryGetValue("value", out var v) && v is string s
                && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value > 0
                && !LooksLikeCountOrDays(norm, result.End))
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
            || after.StartsWith("charge", StringComparison.Ordinal) || after.StartsWith("hour", StringComparison.Ordinal)
            || after.StartsWith("st ", StringComparison.Ordinal) || after.StartsWith("nd ", StringComparison.Ordinal) || after.StartsWith("rd ", StringComparison.Ordinal) || after.StartsWith("th ", StringComparison.Ordinal);
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
        if (norm.Contains(" fortnight ", StringComparison.Ordinal))
        {
            return 14;
        }
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
        if (m.Success && int.TryParse(m.Groups["n"].Value, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }
        return LastOneTransaction().IsMatch(norm) ? 1 : null;
    }

    /// <summary>Amount bounds on a normalised turn: "over $100", "under 20", "between 50 and 200", "more than 200 dollars".</summary>
    public static (decimal? Min, decimal? Max) BoundsOf(string norm)
    {
        decimal? min = null, max = null;
        var between = Between().Match(norm);
        if (between.Success)
        {
            return (Number(between.Groups["a"].Value), Number(between.Groups["b"].Value));
        }
        var over = Over().Match(norm);
        if (over.Success)
        {
            min = Number(over.Groups["n"].Value);
        }
        var under = Under().Match(norm);
        if (under.Success)
        {
            max = Number(under.Groups["n"].Value);
        }
        return (min, max);
    }

    private static decimal Number(string digits) => decimal.Parse(digits.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    /// <summary>
    /// A merchant: capitalised words after "at", "from", "to", "with", "by", "for", "pay" or "paid" ("charge from Home
    /// Depot", "did I pay Spotify"), or any word in a history phrase ("charged by apple", "the costco purchases").
    /// </summary>
    public static string? Merchant(string text, string norm)
    {
        var m = MerchantPhrase().Match(text);
        if (m.Success)
        {
            var name = m.Groups["name"].Value.Trim();
            if (name.Length is >= 2 and <= 60 && !name.StartsWith('[') && !NotMerchant().IsMatch(name))
            {
                return name;
            }
        }
        var lower = MerchantInHistory().Match(norm);
        return lower.Success && !NotMerchant().IsMatch(lower.Groups["name"].Value) ? lower.Groups["name"].Value : null;
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
        var endings = new List<int>();
        foreach (Match m in EndingDigits().Matches(norm))
        {
            var pos = m.Index;
            endings.Add(m.Index);
            mentions.Add(new AccountMention("ending " + m.Groups["last4"].Value, pos));
        }
        foreach (var ordinal in OrdinalAccounts(norm))
        {
            mentions.Add(ordinal);
        }
        foreach (var nickname in nicknames)
        {
            var pos = Position(norm, nickname.ToLowerInvariant());
            if (pos >= 0)
            {
                mentions.Add(new AccountMention(nickname, pos));
            }
        }
        // "the card ending 4821", "my second savings account": the type belongs to the other mention.
        var taken = new List<(int Start, int End)>();
        taken.AddRange(mentions.Where(m => m.Reference.StartsWith("ordinal:", StringComparison.Ordinal)).Select(m => (m.Position, m.Position + 40)));
        foreach (var (phrase, reference) in AccountTypes)
        {
            var pos = Position(norm, phrase);
            if (pos >= 0 && !taken.Any(t => pos >= t.Start && pos < t.End) && !NamesEnding(norm, pos + phrase.Length, endings))
            {
                taken.Add((pos, pos + phrase.Length));
                mentions.Add(new AccountMention(reference, pos));
            }
        }
        return [.. mentions.Where(m => m.Position >= 0).GroupBy(m => m.Reference).Select(g => g.First()).OrderBy(m => m.Position)];
    }

    /// <summary>"my second account", "the 1st account", "my third savings account": references by position, resolved
    /// by the planner against the customer's account list ("ordinal:2", "ordinal:2:savings").</summary>
    public static List<AccountMention> OrdinalAccounts(string norm)
    {
        var list = new List<AccountMention>();
        foreach (Match m in OrdinalAccount().Matches(norm))
        {
            var n = m.Groups["n"].Value switch
            {
                "first" or "1st" => 1,
                "second" or "2nd" => 2,
                "third" or "3rd" => 3,
                "fourth" or "4th" => 4,
                "fifth" or "5th" => 5,
                _ => 0,
            };
            var type = m.Groups["type"].Success ? AccountTypes.First(t => t.Phrase == m.Groups["type"].Value.TrimEnd('s') || t.Phrase == m.Groups["type"].Value).Reference : null;
            list.Add(new AccountMention(type is null ? $"ordinal:{n}" : $"ordinal:{n}:{type}", m.Index + 1));
        }
        return list;
    }

    /// <summary>"card ending 4821", "checking account ending in 1234": the type is part of the last-four reference.</summary>
    private static bool NamesEnding(string norm, int typeEnd, List<int> endings) =>
        endings.Any(e => e >= typeEnd && norm[typeEnd..e].Trim() is "" or "s" or "account" or "one");

    private static int Position(string norm, string phrase)
    {
        var i = norm.IndexOf(" " + phrase + " ", StringComparison.Ordinal);
        if (i < 0)
        {
            i = norm.IndexOf(" " + phrase + "s ", StringComparison.Ordinal);
        }
        return i < 0 ? -1 : i + 1;
    }

    /// <summary>
    /// "from X to Y", "to Y from X", "X to Y", "into Y", "put it in Y", "pay off my Y", "take it out of X": the word
    /// before a mention (skipping "my", "the", "our") says which side it is on.
    /// </summary>
    private static (string? From, string? To) Direction(string norm, List<AccountMention> mentions)
    {
        string? from = null, to = null;
        foreach (var m in mentions)
        {
            var before = norm[..m.Position].Split(' ', StringSplitOptions.RemoveEmptyEntries).Reverse()
                .SkipWhile(w => w is "my" or "the" or "our" or "your" or "account" or "a").Take(2).ToArray();
            var word = before.Length > 0 ? before[0] : "";
            if (word is "from" || (word == "of" && before.ElementAtOrDefault(1) == "out"))
            {
                from ??= m.Reference;
            }
            else if (word is "to" or "into" or "in" or "towards" or "toward" or "on" or "off" or "up" or "pay" or "fund" or "cover" or "onto")
            {
                to ??= m.Reference;
            }
        }
        var others = mentions.Where(m => m.Reference != from && m.Reference != to).ToList();
        if (from is null && to is null && mentions.Count == 2)
        {
            (from, to) = (mentions[0].Reference, mentions[1].Reference);
        }
        else if (from is null && to is not null && others.Count == 1)
        {
            from = others[0].Reference;
        }
        else if (to is null && from is not null && others.Count == 1)
        {
            to = others[0].Reference;
        }
        return (from, to);
    }

    [GeneratedRegex(@"\[[A-Z_]+_\d+\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?i)\d|\b(?:today|yesterday|tomorrow|tonight|last|past|previous|this|next|since|ago|week|weekend|month|year|day|days|morning|evening|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DateCue();

    [GeneratedRegex(@"(?i)\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|a grand|grand|dozen|half)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NumberCue();

    [GeneratedRegex(@"(?i)(?:\b(?:ending|ends|ending in|ends in|last four|last 4)\s*(?:in\s+|with\s+|is\s+)?|\bx{1,}|\*{2,})(?<last4>\d{4})\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EndingDigits();

    [GeneratedRegex(@"(?i)\b(?:ending|ends)\s+(?:in\s+|with\s+)?(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\s*){4}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SpokenEnding();

    [GeneratedRegex(@"(?i)\bgrand\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Grand();

    [GeneratedRegex(@"(?i)(?<n>\d+(?:\.\d+)?)k\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Thousands();

    [GeneratedRegex(@"\b\d+(?:st|nd|rd|th)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"\b(?<n>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+(?:(?<type>checking|savings?|credit card|loan|money market|investment)\s+)?account\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex OrdinalAccount();

    [GeneratedRegex(@" (?:last|latest|most recent) (?:transaction|purchase|payment|charge) ", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LastOneTransaction();

    [GeneratedRegex(@" between \$?(?<a>\d[\d,]*(?:\.\d{1,2})?)(?: dollars)? and \$?(?<b>\d[\d,]*(?:\.\d{1,2})?) ", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Between();

    [GeneratedRegex(@"^(?:checking|savings?|account|me|you|it|that|this|the|my|all|least|Everyday|Rainy Day)$|^(?:I|My|The|A|An|What|How|When|Is|Are|Did|Do)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NotMerchant();

    [GeneratedRegex(@"\b(?:charged by|billed by|search for|search|look up|look for|find)\s+(?:the\s+|my\s+|any\s+|all\s+)?(?<name>(?!transactions?\b|payments?\b|charges?\b|purchases?\b|anything\b|my\b|the\b|any\b|all\b|rent\b)[a-z][a-z0-9'&]+)|\b(?:the|my|all)\s+(?<name>(?!recent\b|last\b|latest\b|card\b|pending\b|credit\b)[a-z][a-z0-9'&]{2,})\s+(?:purchases?|charges?|transactions|payments|subscriptions?)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MerchantInHistory();

    [GeneratedRegex(@" (?:last|past|previous) (?<n>\d{1,3}) (?<unit>days?|weeks?|months?) ", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LastNDays();

    [GeneratedRegex(@" (?:last|latest|recent|past|first|top) (?<n>\d{1,3}) (?:transactions?|purchases?|payments?|charges?|items?) ", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LastNTransactions();

    [GeneratedRegex(@" (?:over|above|more than|greater than|at least|bigger than) \$?(?<n>\d[\d,]*(?:\.\d{1,2})?) ", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Over();

    [GeneratedRegex(@" (?:under|below|less than|smaller than|at most) \$?(?<n>\d[\d,]*(?:\.\d{1,2})?) ", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Under();

    [GeneratedRegex(@"(?:\b(?:at|from|to|with|by|for|pay|paid|search)\s+)(?<name>[A-Z][\w'&]*(?:\s+[A-Z][\w'&]*){0,3})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MerchantPhrase();
}
