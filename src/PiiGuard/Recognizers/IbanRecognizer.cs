using System.Text.RegularExpressions;
using BankingLlm.PiiGuard.Text;

namespace BankingLlm.PiiGuard.Recognizers;

/// <summary>
/// IBAN in electronic (DE89370400440532013000) or print form (GB29 NWBK 6016 1331 9268 19): country code, check
/// digits, the country's length and a valid ISO 7064 mod-97 checksum. Labelled <see cref="PiiType.BankAccount"/>.
/// </summary>
public sealed partial class IbanRecognizer : PiiRecognizerBase
{
    public override string Name => nameof(IbanRecognizer);

    public override PiiType Type => PiiType.BankAccount;

    /// <summary>Pre-check: two letters then two digits somewhere (a country code and check digits).</summary>
    public override bool CanMatch(RecognizerContext context)
    {
        if (context.DigitCount < 8)
        {
            return false;
        }

        var text = context.Text;
        for (var i = 0; i + 3 < text.Length; i++)
        {
            if (char.IsAsciiLetter(text[i]) && char.IsAsciiLetter(text[i + 1]) && char.IsAsciiDigit(text[i + 2]) && char.IsAsciiDigit(text[i + 3]))
            {
                return true;
            }
        }

        return false;
    }

    public override void Recognize(RecognizerContext context, List<RecognizerResult> results)
    {
        var text = context.Text;
        foreach (var match in CandidateRegex().EnumerateMatches(text))
        {
            // The greedy match may run into a following word of 1-4 characters: shrink at group boundaries.
            var end = match.Index + match.Length;
            while (end - match.Index >= 15)
            {
                var span = text.AsSpan(match.Index, end - match.Index);
                if (Checksums.IsValidIban(span))
                {
                    var cue = context.Cues.NearestBefore(match.Index, 40, CueKind.Iban);
                    results.Add(Result(match.Index, end, cue is null ? 0.95 : 1.0, cue is null ? "IBAN country length and mod-97 valid" : "IBAN country length and mod-97 valid; IBAN cue"));
                    break;
                }

                var space = span.LastIndexOf(' ');
                if (space <= 0)
                {
                    break;
                }

                end = match.Index + space;
            }
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?(?![A-Za-z0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexLimits.TimeoutMilliseconds)]
    private static partial Regex CandidateRegex();
}
