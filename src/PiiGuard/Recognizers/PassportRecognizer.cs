using System.Text.RegularExpressions;
using BankingLlm.PiiGuard.Text;

namespace BankingLlm.PiiGuard.Recognizers;

/// <summary>US passport numbers: one letter and 8 digits, or 9 digits, only when the nearest cue is a passport cue.</summary>
public sealed partial class PassportRecognizer : PiiRecognizerBase
{
    public override string Name => nameof(PassportRecognizer);

    public override PiiType Type => PiiType.Passport;

    public override bool CanMatch(RecognizerContext context) => context.DigitCount >= 8 && context.Cues.Contains(CueKind.Passport);

    public override void Recognize(RecognizerContext context, List<RecognizerResult> results)
    {
        foreach (var match in CandidateRegex().EnumerateMatches(context.Text))
        {
            var cue = context.Cues.Deciding(match.Index, match.Index + match.Length, maxBefore: 60, maxAfter: 20, CueKind.IdentityCompeting);
            if (cue?.Kind == CueKind.Passport)
            {
                var letter = char.IsAsciiLetter(context.Text[match.Index]);
                results.Add(Result(match.Index, match.Index + match.Length, letter ? 0.95 : 0.9, letter ? "letter and 8 digits; passport cue" : "nine digits; nearest cue is a passport cue"));
            }
        }
    }

    [GeneratedRegex(@"(?<![\w$.,/+-])(?:[A-Z]\d{8}|\d{9})(?![\w/-]|[.,]\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexLimits.TimeoutMilliseconds)]
    private static partial Regex CandidateRegex();
}
