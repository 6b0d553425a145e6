using BankingLlm.PiiGuard.Text;
using System.Text.RegularExpressions;

namespace BankingLlm.PiiGuard.Recognizers;

/// <summary>E-mail addresses: local@domain with at least one dot in the domain and an alphabetic top-level label.</summary>
public sealed partial class EmailRecognizer : PiiRecognizerBase
{
    public override string Name => nameof(EmailRecognizer);

    public override PiiType Type => PiiType.Email;

    public override bool CanMatch(RecognizerContext context) => context.HasAt;

    public override void Recognize(RecognizerContext context, List<RecognizerResult> results)
    {
        foreach (var match in EmailRegex().EnumerateMatches(context.Text))
        {
            var span = context.Text.AsSpan(match.Index, match.Length);
            var tld = span[(span.LastIndexOf('.') + 1)..];
            if (tld.Length < 2 || !IsLetters(tld))
            {
                continue;
            }

            results.Add(Result(match.Index, match.Index + match.Length, 0.95, "local@domain with a dotted domain"));
        }
    }

    private static bool IsLetters(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexLimits.TimeoutMilliseconds)]
    private static partial Regex EmailRegex();
}
