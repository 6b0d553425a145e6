using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BankingLlm.Tools.Audit;

/// <summary>
/// Masks tool arguments and values for audit rows: account numbers and other digit runs keep their last four,
/// names become initials, free text is recorded by length only. Amounts, dates, ids and enums stay as they are.
/// </summary>
public static partial class AuditMasker
{
    private static readonly HashSet<string> Verbatim = new(StringComparer.OrdinalIgnoreCase)
    {
        "amount", "min_amount", "max_amount", "days", "limit", "status", "from", "to", "type", "group_by", "date",
        "action_id", "cursor", "transaction",
    };

    private static readonly HashSet<string> FreeText = new(StringComparer.OrdinalIgnoreCase)
    {
        "description", "memo", "reason", "text", "notes",
    };

    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "beneficiary_name", "name",
    };

    public static string? MaskArgument(string name, object? value)
    {
        if (value is null)
        {
            return null;
        }
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        if (Verbatim.Contains(name))
        {
            return Truncate(MaskDigits(text, 9), 100);
        }
        if (FreeText.Contains(name))
        {
            return $"[text, {text.Length} chars]";
        }
        if (Names.Contains(name))
        {
            return Initials(text);
        }
        return Truncate(MaskDigits(text, 4), 100);
    }

    /// <summary>Every run of more than <paramref name="keep"/> digits becomes "****" plus its last four.</summary>
    public static string MaskDigits(string text, int keep = 4) =>
        DigitRun().Replace(text, m => m.Value.Count(char.IsAsciiDigit) > keep ? "****" + LastFour(m.Value) : m.Value);

    public static string LastFour(string accountNumber)
    {
        var alnum = new string(accountNumber.Where(char.IsAsciiLetterOrDigit).ToArray());
        return alnum.Length <= 4 ? alnum : alnum[^4..];
    }

    public static string Initials(string name)
    {
        var sb = new StringBuilder();
        foreach (var part in name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var first = part.FirstOrDefault(char.IsLetterOrDigit);
            if (first != default)
            {
                sb.Append(char.ToUpperInvariant(first)).Append(". ");
            }
        }
        return sb.ToString().TrimEnd();
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    [GeneratedRegex(@"[A-Za-z]{0,4}[0-9](?:[ \-]?[0-9])+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DigitRun();
}
