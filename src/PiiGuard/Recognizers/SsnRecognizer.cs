using System.Text.RegularExpressions;
using BankingLlm.PiiGuard.Text;

namespace BankingLlm.PiiGuard.Recognizers;

/// <summary>
/// US Social Security Number. Grouped 3-2-4 with the same separator in both places is an SSN by its form; a bare
/// nine-digit number only when the nearest competing cue is an SSN cue (SSN, SS#, social security, "my social").
/// Issuance rules (area 000/666/9xx, group 00, serial 0000, specimen numbers) are deliberately NOT applied: such
/// numbers are still someone's claimed SSN and must be masked.
/// </summary>
public sealed partial class SsnRecognizer : PiiRecognizerBase
{
    public override string Name => nameof(SsnRecognizer);

    public override PiiType Type => PiiType.Ssn;

    public override bool CanMatch(RecognizerContext context) => context.DigitCount >= 9;

    public override void Recognize(RecognizerContext context, List<RecognizerResult> results)
    {
        var text = context.Text;
        foreach (var match in GroupedRegex().EnumerateMatches(text))
        {
            var cue = context.Cues.Deciding(match.Index, match.Index + match.Length, maxBefore: 50, maxAfter: 20, CueKind.IdentityCompeting);
            var (score, why) = cue?.Kind switch
            {
                CueKind.Ssn => (1.0, "3-2-4 grouping; SSN cue"),
                CueKind.Identifier or CueKind.Fragment => (0.3, "3-2-4 grouping; reference-number cue lowers"),
                CueKind.Passport or CueKind.DriversLicense or CueKind.Routing or CueKind.Account => (0.45, "3-2-4 grouping; another type's cue lowers"),
                _ => (0.85, "3-2-4 grouping"),
            };
            results.Add(Result(match.Index, match.Index + match.Length, score, why));
        }

        foreach (var match in BareRegex().EnumerateMatches(text))
        {
            var cue = context.Cues.Deciding(match.Index, match.Index + match.Length, maxBefore: 50, maxAfter: 20, CueKind.IdentityCompeting);
            if (cue?.Kind == CueKind.Ssn)
            {
                results.Add(Result(match.Index, match.Index + match.Length, 0.9, "nine digits; nearest cue is an SSN cue"));
            }
        }
    }

    [GeneratedRegex(@"(?<![\w-])\d{3}([- ])\d{2}\1\d{4}(?![\w]|-\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexLimits.TimeoutMilliseconds)]
    private static partial Regex GroupedRegex();

    [GeneratedRegex(@"(?<![\w$.,/+-])\d{9}(?![\w/-]|[.,]\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexLimits.TimeoutMilliseconds)]
    private static partial Regex BareRegex();
}
