using System.Globalization;
using System.Text.RegularExpressions;
using BankingLlm.Assistant.Conversations;
using BankingLlm.Data.Entities;

namespace BankingLlm.Assistant.Voice;

/// <summary>
/// Replies written for the ear, for sessions on the voice channel: no markdown, lists read as a short sentence
/// (the first three items, then how many more), amounts as words ("one thousand two hundred fifty dollars"),
/// dates as a person says them ("November twentieth"), masked numbers as "ending in four eight two one", long
/// references by their last four characters, and "Reply yes" as "Say yes". Works on the masked reply, so nothing
/// it adds can be personal data.
/// </summary>
public sealed partial class VoiceReplyFormatter : IChannelReplyFormatter
{
    private const int MaxListItems = 3;

    public ChatChannel Channel => ChatChannel.Voice;

    public string Format(string reply)
    {
        var text = Lists(reply);
        text = MaskedDigits().Replace(text, m => "ending in " + SpokenNumbers.Digits(m.Groups[1].Value));
        text = Markdown().Replace(text, "");
        text = IsoDate().Replace(text, m => SpokenDate(m.Value));
        text = Money().Replace(text, m => SpokenMoney(m));
        text = Ending().Replace(text, m => "ending in " + SpokenNumbers.Digits(m.Groups[1].Value));
        text = LongReference().Replace(text, m => "ending in " + Spell(m.Value[^4..]));
        text = AddressPlaceholder().Replace(text, "the address on file");
        text = text.Replace("Reply yes", "Say yes", StringComparison.Ordinal).Replace("reply yes", "say yes", StringComparison.Ordinal);
        text = text.Replace("\"", "", StringComparison.Ordinal).Replace("(", ", ", StringComparison.Ordinal).Replace(")", ",", StringComparison.Ordinal);
        text = Spaces().Replace(text, " ");
        text = SpaceBeforePunctuation().Replace(text, "$1");
        text = CommaBeforePunctuation().Replace(text, "");
        return text.Trim();
    }

    /// <summary>Bullet lines become one sentence: the first few items, then how many more there are.</summary>
    private static string Lists(string reply)
    {
        var lines = reply.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var items = lines.Where(l => Bullet().IsMatch(l)).Select(l => Bullet().Replace(l, "").TrimEnd('.')).ToList();
        if (items.Count == 0)
        {
            return string.Join(' ', lines);
        }
        var spoken = string.Join("; ", items.Take(MaxListItems)) + (items.Count > MaxListItems ? $"; and {items.Count - MaxListItems} more." : ".");
        var rest = lines.Where(l => !Bullet().IsMatch(l)).ToList();
        // The intro ("Here are your accounts:") stays first, any closing line after the items.
        return rest.Count == 0 ? spoken : string.Join(' ', [rest[0].TrimEnd(':') + ":", spoken, .. rest.Skip(1)]);
    }

    private static string SpokenMoney(Match m)
    {
        var amount = decimal.Parse(m.Groups["amount"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture);
        return (m.Groups["sign"].Success ? "minus " : "") + SpokenNumbers.Money(amount);
    }

    private static string SpokenDate(string iso)
    {
        if (!DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return iso;
        }
        var month = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(date.Month);
        return $"{month} {SpokenNumbers.Ordinal(date.Day)}, {date.Year.ToString(CultureInfo.InvariantCulture)}";
    }

    private static string Spell(string characters) =>
        string.Join(' ', characters.Select(c => char.IsAsciiDigit(c) ? SpokenNumbers.Digits(c.ToString()) : c.ToString().ToUpperInvariant()));

    [GeneratedRegex(@"^\s*(?:[-*•]|\d+[.)])\s+")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"\*\*|__|`|^#+\s*", RegexOptions.Multiline)]
    private static partial Regex Markdown();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<sign>-)?\$(?<amount>\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)")]
    private static partial Regex Money();

    /// <summary>Display masks: "**** 4242", "***-**-6789", "***-***-0132", "******155".</summary>
    [GeneratedRegex(@"\*[\*\- ]*\*[\- ]?(\d{2,4})\b")]
    private static partial Regex MaskedDigits();

    [GeneratedRegex(@"\bending(?: in)? (\d{2,4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ending();

    /// <summary>Transfer references and other long codes of capitals and digits.</summary>
    [GeneratedRegex(@"\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{10,}\b")]
    private static partial Regex LongReference();

    [GeneratedRegex(@"\[address\]", RegexOptions.IgnoreCase)]
    private static partial Regex AddressPlaceholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s+([,.;:?!])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@",\s*(?=[,.;:?!])")]
    private static partial Regex CommaBeforePunctuation();
}
