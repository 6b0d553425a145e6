using System.Text.RegularExpressions;
using BankingLlm.PiiGuard.Text;

namespace BankingLlm.PiiGuard.Recognizers;

/// <summary>
/// External bank accounts (US): an ABA routing number (nine digits, ABA checksum, Federal Reserve prefix, with a
/// routing/ABA/RTN cue) and the external account number that goes with it in the same message (6-15 digits with an
/// account cue). IBANs are <see cref="IbanRecognizer"/>.
/// </summary>
public sealed partial class BankAccountRecognizer : PiiRecognizerBase
{
    public override string Name => nameof(BankAccountRecognizer);

    public override PiiType Type => PiiType.BankAccount;

    public override bool CanMatch(RecognizerContext context) => context.DigitCount >= 9 && context.Cues.Contains(CueKind.Routing);

    public override void Recognize(RecognizerContext context, List<RecognizerResult> results)
    {
        var text = context.Text;
        List<int>? routingStarts = null;
        foreach (var match in DigitsRegex().EnumerateMatches(text))
        {
            if (match.Length != 9)
            {
                continue;
            }

            var cue = context.Cues.Deciding(match.Index, match.Index + match.Length, maxBefore: 50, maxAfter: 30);
            if (cue?.Kind != CueKind.Routing)
            {
                continue;
            }

            if (!Checksums.IsValidAbaRouting(text.AsSpan(match.Index, 9)))
            {
                continue;
            }

            (routingStarts ??= []).Add(match.Index);
            results.Add(Result(match.Index, match.Index + 9, 0.95, "nine digits; ABA checksum and Federal Reserve prefix valid; routing cue"));
        }

        if (routingStarts is null)
        {
            return;
        }

        foreach (var match in DigitsRegex().EnumerateMatches(text))
        {
            if (match.Length is < 6 or > 15 || routingStarts.Contains(match.Index))
            {
                continue;
            }

            var cue = context.Cues.Deciding(match.Index, match.Index + match.Length, maxBefore: 40, maxAfter: 0);
            if (cue?.Kind != CueKind.Account || PrecededByCurrency(text, match.Index))
            {
                continue;
            }

            results.Add(Result(match.Index, match.Index + match.Length, 0.85, "6-15 digits; account cue; a routing number is in the same message"));
        }
    }

    [GeneratedRegex(@"(?<![\w$.,/+-])\d{6,15}(?![\w/-]|[.,]\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexLimits.TimeoutMilliseconds)]
    private static partial Regex DigitsRegex();
}
