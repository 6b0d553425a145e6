using System.Text.RegularExpressions;
using BankingLlm.PiiGuard.Text;

namespace BankingLlm.PiiGuard.Recognizers;

/// <summary>
/// Payment card numbers: 13-19 digits, in one piece or grouped with one kind of separator (space or hyphen), with a
/// network prefix and length (Visa, Mastercard, Amex, Discover) AND a valid Luhn digit. A string that fails Luhn is
/// never a card, whatever the context; last-four and masked forms never match because they are too short.
/// </summary>
public sealed partial class CreditCardRecognizer : PiiRecognizerBase
{
    public override string Name => nameof(CreditCardRecognizer);

    public override PiiType Type => PiiType.CreditCard;

    public override bool CanMatch(RecognizerContext context) => context.DigitCount >= 13;

    public override void Recognize(RecognizerContext context, List<RecognizerResult> results)
    {
        var text = context.Text;
        foreach (var match in CandidateRegex().EnumerateMatches(text))
        {
            if (FindCard(text, match.Index, match.Length) is not { } card)
            {
                continue;
            }

            var cue = context.Cues.Deciding(card.Start, card.End, maxBefore: 40, maxAfter: 20);
            var (score, why) = cue?.Kind switch
            {
                CueKind.Card => (1.0, $"{card.Network} prefix and length; Luhn valid; card cue"),
                CueKind.Identifier => (0.4, $"{card.Network} prefix; Luhn valid; reference/gift-card cue lowers"),
                CueKind.Account => (0.8, $"{card.Network} prefix; Luhn valid; account cue"),
                _ => (0.9, $"{card.Network} prefix and length; Luhn valid"),
            };
            results.Add(Result(card.Start, card.End, score, why));
        }
    }

    /// <summary>The longest window of digit groups in the match that is a valid card (consistent separator, Luhn, network).</summary>
    private static (int Start, int End, string Network)? FindCard(string text, int index, int length)
    {
        // Split into groups of digits with the separator that follows each.
        Span<(int Start, int End)> groups = stackalloc (int, int)[20];
        var count = 0;
        var i = index;
        var end = index + length;
        while (i < end && count < groups.Length)
        {
            var s = i;
            while (i < end && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            groups[count++] = (s, i);
            i++; // separator
        }

        (int Start, int End, string Network)? best = null;
        for (var a = 0; a < count; a++)
        {
            var separator = '\0';
            var digits = 0;
            for (var b = a; b < count; b++)
            {
                var groupLength = groups[b].End - groups[b].Start;
                if (b > a)
                {
                    // Grouped numbers: one kind of separator, groups of 3-6 digits (4-4-4-4, 4-6-5, 4-4-4-4-3).
                    var sep = text[groups[b - 1].End];
                    if ((separator != '\0' && sep != separator) || groupLength is < 3 or > 6 || (groups[a].End - groups[a].Start) is < 3 or > 6)
                    {
                        break;
                    }

                    separator = sep;
                }

                digits += groupLength;
                if (digits > 19)
                {
                    break;
                }

                if (digits < 13 || (best is { } current && current.End - current.Start >= groups[b].End - groups[a].Start))
                {
                    continue;
                }

                var compact = Digits(text.AsSpan(groups[a].Start, groups[b].End - groups[a].Start));
                if (Checksums.CardNetwork(compact) is { } network && Checksums.IsValidLuhn(compact))
                {
                    best = (groups[a].Start, groups[b].End, network);
                }
            }
        }

        return best;
    }

    [GeneratedRegex(@"(?<![\w+.-])\d{1,19}(?:[ -]\d{1,19}){0,7}(?![\w])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexLimits.TimeoutMilliseconds)]
    private static partial Regex CandidateRegex();
}
