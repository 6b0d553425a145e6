using System.Text.RegularExpressions;
using BankingLlm.PiiGuard.Text;

namespace BankingLlm.PiiGuard.Recognizers;

/// <summary>
/// This bank's own account numbers: 16-20 upper-case letters and digits, at least 8 digits, no separators
/// (CHK0012345678901234, 1518SAV97572894934, 9703076175656730). An all-digit value that passes Luhn with a card
/// prefix is a card, not an account. Identifiers presented as a transaction, payment, reference, tracking or gift-card
/// code are not accounts.
/// </summary>
public sealed partial class AccountNumberRecognizer : PiiRecognizerBase
{
    public override string Name => nameof(AccountNumberRecognizer);

    public override PiiType Type => PiiType.AccountNumber;

    public override bool CanMatch(RecognizerContext context) => context.DigitCount >= 8 && context.Text.Length >= 16;

    public override void Recognize(RecognizerContext context, List<RecognizerResult> results)
    {
        var text = context.Text;
        foreach (var match in CandidateRegex().EnumerateMatches(text))
        {
            var value = text.AsSpan(match.Index, match.Length);
            var digits = 0;
            foreach (var c in value)
            {
                digits += char.IsAsciiDigit(c) ? 1 : 0;
            }

            if (digits < 8)
            {
                continue;
            }

            var allDigits = digits == value.Length;
            if (allDigits && Checksums.CardNetwork(value) is not null && Checksums.IsValidLuhn(value))
            {
                continue;
            }

            var cue = context.Cues.Deciding(match.Index, match.Index + match.Length, maxBefore: 40, maxAfter: 15);
            var baseScore = allDigits ? 0.6 : 0.8;
            var (score, why) = cue?.Kind switch
            {
                CueKind.Account => (baseScore + 0.2, "16-20 upper alphanumeric; account cue"),
                CueKind.Identifier => (0.2, "16-20 upper alphanumeric; presented as a transaction/reference/code"),
                CueKind.Fragment => (0.2, "16-20 upper alphanumeric; presented as a fragment"),
                CueKind.Card when allDigits => (0.4, "16-20 digits; card cue but no valid card number"),
                _ => (baseScore, allDigits ? "16-20 digits, not a valid card number" : "16-20 upper alphanumeric with at least 8 digits"),
            };
            results.Add(Result(match.Index, match.Index + match.Length, score, why));
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9-])[A-Z0-9]{16,20}(?![A-Za-z0-9-])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexLimits.TimeoutMilliseconds)]
    private static partial Regex CandidateRegex();
}
