using System.Text;

namespace BankingLlm.Assistant.Voice;

/// <summary>Numbers as a person says them: cardinals, ordinals, digit by digit, money. US English.</summary>
public static class SpokenNumbers
{
    private static readonly string[] Ones =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly Dictionary<string, string> OrdinalOf = new(StringComparer.Ordinal)
    {
        ["one"] = "first", ["two"] = "second", ["three"] = "third", ["five"] = "fifth", ["eight"] = "eighth",
        ["nine"] = "ninth", ["twelve"] = "twelfth",
    };

    public static readonly IReadOnlyList<string> MonthNames =
    [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ];

    /// <summary>0 to 999,999,999,999 in words: 1250 -> "one thousand two hundred fifty".</summary>
    public static string Cardinal(long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 999_999_999_999L);
        if (n == 0)
        {
            return "zero";
        }
        var parts = new List<string>();
        foreach (var (scale, name) in new[] { (1_000_000_000L, "billion"), (1_000_000L, "million"), (1_000L, "thousand") })
        {
            if (n >= scale)
            {
                parts.Add(BelowThousand((int)(n / scale)) + " " + name);
                n %= scale;
            }
        }
        if (n > 0)
        {
            parts.Add(BelowThousand((int)n));
        }
        return string.Join(' ', parts);
    }

    /// <summary>1 -> "first", 23 -> "twenty third".</summary>
    public static string Ordinal(int n)
    {
        var words = Cardinal(n).Split(' ');
        var last = words[^1];
        words[^1] = OrdinalOf.TryGetValue(last, out var special) ? special
            : last.EndsWith('y') ? last[..^1] + "ieth"
            : last + "th";
        return string.Join(' ', words);
    }

    /// <summary>"4821" -> "four eight two one".</summary>
    public static string Digits(string digits)
    {
        var sb = new StringBuilder();
        foreach (var c in digits.Where(char.IsAsciiDigit))
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }
            sb.Append(Ones[c - '0']);
        }
        return sb.ToString();
    }

    /// <summary>1250.5 -> "one thousand two hundred fifty dollars and fifty cents"; 1 -> "one dollar".</summary>
    public static string Money(decimal amount)
    {
        var negative = amount < 0;
        amount = Math.Abs(decimal.Round(amount, 2));
        var dollars = (long)decimal.Truncate(amount);
        var cents = (int)((amount - dollars) * 100);
        var text = dollars > 0 || cents == 0 ? Cardinal(dollars) + (dollars == 1 ? " dollar" : " dollars") : "";
        if (cents > 0)
        {
            text += (text.Length > 0 ? " and " : "") + Cardinal(cents) + (cents == 1 ? " cent" : " cents");
        }
        return negative ? "minus " + text : text;
    }

    private static string BelowThousand(int n)
    {
        var parts = new List<string>();
        if (n >= 100)
        {
            parts.Add(Ones[n / 100] + " hundred");
            n %= 100;
        }
        if (n >= 20)
        {
            parts.Add(n % 10 == 0 ? Tens[n / 10] : Tens[n / 10] + " " + Ones[n % 10]);
        }
        else if (n > 0)
        {
            parts.Add(Ones[n]);
        }
        return string.Join(' ', parts);
    }
}
