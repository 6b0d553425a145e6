using System.Text.RegularExpressions;
using BankingLlm.PiiGuard.Recognizers;
using BankingLlm.PiiGuard.Text;

namespace BankingLlm.PiiGuard.Operators;

/// <summary>
/// Finds card security codes (CVV/CVC/CID): a 3-4 digit number right after a security-code cue ("CVV 123",
/// "the security code is 4321"). These are dropped, never stored, hashed or recorded (PCI DSS 3.3.1.2).
/// </summary>
public static partial class SecurityCodeDetector
{
    public static List<(int Start, int End)> Find(RecognizerContext context)
    {
        var found = new List<(int Start, int End)>();
        if (context.DigitCount < 3 || !context.Cues.Contains(CueKind.SecurityCode))
        {
            return found;
        }

        foreach (var match in CodeRegex().EnumerateMatches(context.Text))
        {
            var cue = context.Cues.NearestBefore(match.Index, 25);
            if (cue?.Kind == CueKind.SecurityCode)
            {
                found.Add((match.Index, match.Index + match.Length));
            }
        }

        return found;
    }

    [GeneratedRegex(@"(?<![\w$.,/+-])\d{3,4}(?![\w/-]|[.,]\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexLimits.TimeoutMilliseconds)]
    private static partial Regex CodeRegex();
}
