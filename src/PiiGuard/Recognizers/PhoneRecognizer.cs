using System.Text.RegularExpressions;
using BankingLlm.PiiGuard.Text;

namespace BankingLlm.PiiGuard.Recognizers;

/// <summary>
/// Phone numbers. NANP: ten digits (area and exchange starting 2-9), optionally after +1 / 1, written
/// (415) 555-0132, 415-555-0132, 415.555.0132, 415 555 0132 or 4155550132. International: + country code and the
/// national number in groups or in one piece (+44 20 7946 0958, +44 (0)20 7946 0958, +33199007012), 8-15 digits.
/// A bare ten-digit string is weak on its own: phone words raise it, account/reference/identity cues lower it.
/// The fictional 555-01xx range is not special-cased: real traffic does not use it.
/// </summary>
public sealed partial class PhoneRecognizer : PiiRecognizerBase
{
    private const CueKind Negative = CueKind.Account | CueKind.Routing | CueKind.Identifier | CueKind.Ssn | CueKind.Passport | CueKind.DriversLicense | CueKind.Card | CueKind.Fragment;

    public override string Name => nameof(PhoneRecognizer);

    public override PiiType Type => PiiType.Phone;

    public override bool CanMatch(RecognizerContext context) => context.DigitCount >= 8;

    public override void Recognize(RecognizerContext context, List<RecognizerResult> results)
    {
        var text = context.Text;
        foreach (var match in NanpRegex().EnumerateMatches(text))
        {
            var span = text.AsSpan(match.Index, match.Length);
            var bare = !span.ContainsAny(" .-()+");
            var digits = Digits(span);
            var score = bare ? (digits.Length == 11 ? 0.6 : 0.55) : 0.8;
            var why = bare ? "ten NANP digits in one piece" : "NANP grouping";
            (score, why) = Adjust(context, match.Index, match.Index + match.Length, score, why, bare);
            results.Add(Result(match.Index, match.Index + match.Length, score, why));
        }

        foreach (var match in InternationalRegex().EnumerateMatches(text))
        {
            var span = text.AsSpan(match.Index, match.Length);
            var digits = Digits(span);
            if (span.Contains("(0)", StringComparison.Ordinal))
            {
                digits = digits.Remove(digits.IndexOf('0', StringComparison.Ordinal), 1);
            }

            if (digits.Length is < 8 or > 15)
            {
                continue;
            }

            var (score, why) = Adjust(context, match.Index, match.Index + match.Length, 0.8, "+ country code and 8-15 digits", bare: false);
            results.Add(Result(match.Index, match.Index + match.Length, score, why));
        }
    }

    private static (double Score, string Why) Adjust(RecognizerContext context, int start, int end, double score, string why, bool bare)
    {
        var deciding = context.Cues.Deciding(start, end, maxBefore: 40, maxAfter: 20);
        if (deciding is { } cue && (cue.Kind & Negative) != 0)
        {
            return (score - (bare ? 0.35 : 0.2), why + $"; nearest cue is {cue.Kind}, lowers");
        }

        if (context.Cues.NearestBefore(start, 60, CueKind.Phone) is not null || context.Cues.NearestAfter(end, 40, CueKind.Phone) is not null)
        {
            return (score + 0.2, why + "; phone cue");
        }

        return (score, why);
    }

    [GeneratedRegex(@"(?<![\w+(.-])(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .-]?)[2-9]\d{2}[ .-]?\d{4}(?![\w]|[.-]\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexLimits.TimeoutMilliseconds)]
    private static partial Regex NanpRegex();

    [GeneratedRegex(@"(?<![\w+])\+[1-9]\d{0,3}(?:[ -]?(?:\(0\)[ -]?)?\d{1,6}){1,6}(?![\w]|[.-]\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexLimits.TimeoutMilliseconds)]
    private static partial Regex InternationalRegex();
}
