using System.Text.RegularExpressions;
using BankingLlm.PiiGuard.Text;

namespace BankingLlm.PiiGuard.Recognizers;

/// <summary>
/// US driver's licence numbers in state formats, only when the nearest cue is a licence cue (driver's license, DL#):
/// CA letter+7, NY 9 digits (also 123 456 789), FL letter+12 (S530-460-53-123-0), IL letter+11 (S123-4567-8901),
/// NJ letter+14 (A1234 56789 01234), TX/PA 8 digits, and the other states' letter/digit shapes.
/// </summary>
public sealed partial class DriversLicenseRecognizer : PiiRecognizerBase
{
    public override string Name => nameof(DriversLicenseRecognizer);

    public override PiiType Type => PiiType.DriversLicense;

    public override bool CanMatch(RecognizerContext context) => context.DigitCount >= 4 && context.Cues.Contains(CueKind.DriversLicense);

    public override void Recognize(RecognizerContext context, List<RecognizerResult> results)
    {
        foreach (var match in CandidateRegex().EnumerateMatches(context.Text))
        {
            var cue = context.Cues.Deciding(match.Index, match.Index + match.Length, maxBefore: 60, maxAfter: 20, CueKind.IdentityCompeting);
            if (cue?.Kind == CueKind.DriversLicense && !PrecededByCurrency(context.Text, match.Index))
            {
                results.Add(Result(match.Index, match.Index + match.Length, 0.9, "state licence format; nearest cue is a licence cue"));
            }
        }
    }

    [GeneratedRegex("""
        (?<![\w$.,/+-])(?:
            [A-Z]\d{3}-\d{3}-\d{2}-\d{3}-\d
          | [A-Z]\d{3}-\d{4}-\d{4}
          | [A-Z]\d{4}[ -]\d{5}[ -]\d{5}
          | \d{3}([ -])\d{3}\1\d{3}
          | [A-Z]{1,2}\d{4,14}
          | [A-Z]\d{2,5}(?:-\d{2,5}){1,4}
          | \d{7,13}
        )(?![\w/-]|[.,]\d)
        """, RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace, matchTimeoutMilliseconds: RegexLimits.TimeoutMilliseconds)]
    private static partial Regex CandidateRegex();
}
