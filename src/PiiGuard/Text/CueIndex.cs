using System.Text.RegularExpressions;

namespace BankingLlm.PiiGuard.Text;

/// <summary>
/// All context words of a text, found in one pass. Recognizers ask for the nearest cue before (or after) a candidate,
/// so "passport 275033221, SSN 926375769" gives each number its own cue rather than both numbers both cues.
/// </summary>
public sealed class CueIndex
{
    private readonly List<Cue> _cues;

    private CueIndex(List<Cue> cues) => _cues = cues;

    public IReadOnlyList<Cue> Cues => _cues;

    public static CueIndex Build(string text)
    {
        var cues = new List<Cue>();
        foreach (var match in CueRegex.EnumerateMatches(text))
        {
            var word = text.Substring(match.Index, match.Length);

            // "check" is an identifier cue only right before a number ("check 1008", "check #1008"); the non-backtracking
            // engine has no look-ahead, so that part is decided here.
            if (word.Equals("check", StringComparison.OrdinalIgnoreCase) && !FollowedByNumber(text, match.Index + match.Length))
            {
                continue;
            }

            cues.Add(new Cue(Classify(word), match.Index, match.Index + match.Length, word));
        }

        return new CueIndex(cues);
    }

    private static bool FollowedByNumber(string text, int index)
    {
        var i = index;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '#')
        {
            i++;
        }

        return i > index && i < text.Length && char.IsAsciiDigit(text[i]);
    }

    public bool Contains(CueKind kinds)
    {
        foreach (var cue in _cues)
        {
            if ((cue.Kind & kinds) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The cue of one of <paramref name="kinds"/> that ends closest before <paramref name="position"/>, within <paramref name="maxDistance"/> characters.</summary>
    public Cue? NearestBefore(int position, int maxDistance, CueKind kinds = CueKind.Competing)
    {
        Cue? best = null;
        foreach (var cue in _cues)
        {
            if (cue.End > position)
            {
                break;
            }

            if ((cue.Kind & kinds) != 0 && position - cue.End <= maxDistance)
            {
                best = cue;
            }
        }

        return best;
    }

    /// <summary>The cue of one of <paramref name="kinds"/> that starts closest after <paramref name="position"/>, within <paramref name="maxDistance"/> characters.</summary>
    public Cue? NearestAfter(int position, int maxDistance, CueKind kinds = CueKind.Competing)
    {
        foreach (var cue in _cues)
        {
            if (cue.Start < position)
            {
                continue;
            }

            if (cue.Start - position > maxDistance)
            {
                return null;
            }

            if ((cue.Kind & kinds) != 0)
            {
                return cue;
            }
        }

        return null;
    }

    /// <summary>
    /// The cue that decides what an ambiguous value at [start, end) is: the nearest competing cue before it, or failing
    /// that the nearest one right after it ("028076972 as the routing number").
    /// </summary>
    public Cue? Deciding(int start, int end, int maxBefore = 60, int maxAfter = 30, CueKind kinds = CueKind.Competing)
    {
        var before = NearestBefore(start, maxBefore, kinds);
        if (before is not null)
        {
            return before;
        }

        return NearestAfter(end, maxAfter, kinds);
    }

    private static CueKind Classify(string word)
    {
        var w = word.ToLowerInvariant();
        if (w.StartsWith("area", StringComparison.Ordinal))
        {
            return CueKind.Phone; // "area code 415 ..."
        }

        if (w.StartsWith("checking", StringComparison.Ordinal) || w.StartsWith("savings", StringComparison.Ordinal))
        {
            return CueKind.Account;
        }

        if (w.StartsWith("gift", StringComparison.Ordinal) || w.Contains("code", StringComparison.Ordinal) && !w.Contains("security", StringComparison.Ordinal) && !w.Contains("verification", StringComparison.Ordinal)
            || w.StartsWith("transaction", StringComparison.Ordinal) || w.StartsWith("txn", StringComparison.Ordinal)
            || w.StartsWith("order", StringComparison.Ordinal) || w.StartsWith("invoice", StringComparison.Ordinal)
            || w.StartsWith("case", StringComparison.Ordinal) || w.StartsWith("claim", StringComparison.Ordinal)
            || w.StartsWith("ticket", StringComparison.Ordinal) || w.StartsWith("batch", StringComparison.Ordinal)
            || w.StartsWith("confirmation", StringComparison.Ordinal) || w.StartsWith("conf", StringComparison.Ordinal)
            || w.StartsWith("ref", StringComparison.Ordinal) || w.StartsWith("tracking", StringComparison.Ordinal)
            || w.StartsWith("check", StringComparison.Ordinal) || w.StartsWith("cheque", StringComparison.Ordinal)
            || w.StartsWith("member", StringComparison.Ordinal) || w.StartsWith("loan", StringComparison.Ordinal)
            || w.StartsWith("dispute", StringComparison.Ordinal) || w.StartsWith("payment", StringComparison.Ordinal)
            || w.StartsWith("transfer", StringComparison.Ordinal) || w.StartsWith("receipt", StringComparison.Ordinal)
            || w.StartsWith("serial", StringComparison.Ordinal) || w.StartsWith("policy", StringComparison.Ordinal)
            || w.StartsWith("trace", StringComparison.Ordinal) || w.StartsWith("wire", StringComparison.Ordinal)
            || w.StartsWith("pin", StringComparison.Ordinal) || w.StartsWith("promo", StringComparison.Ordinal)
            || w.StartsWith("otp", StringComparison.Ordinal) || w.StartsWith("voucher", StringComparison.Ordinal)
            || w.StartsWith("customer", StringComparison.Ordinal) || w.StartsWith("rewards", StringComparison.Ordinal))
        {
            return CueKind.Identifier;
        }

        if (w.StartsWith("cvv", StringComparison.Ordinal) || w.StartsWith("cvc", StringComparison.Ordinal) || w.StartsWith("cid", StringComparison.Ordinal)
            || w.Contains("security", StringComparison.Ordinal) && w.Contains("code", StringComparison.Ordinal)
            || w.Contains("verification", StringComparison.Ordinal))
        {
            return CueKind.SecurityCode;
        }

        if (w.StartsWith("ending", StringComparison.Ordinal) || w.StartsWith("last", StringComparison.Ordinal) || w.StartsWith("ends", StringComparison.Ordinal))
        {
            return CueKind.Fragment;
        }

        if (w.StartsWith("ss", StringComparison.Ordinal) || w.StartsWith("soc", StringComparison.Ordinal) || w.StartsWith("tax", StringComparison.Ordinal) || w is "tin" or "itin")
        {
            return CueKind.Ssn;
        }

        if (w.Contains("passport", StringComparison.Ordinal))
        {
            return CueKind.Passport;
        }

        if (w.Contains("licen", StringComparison.Ordinal) || w.StartsWith("dl", StringComparison.Ordinal) || w.StartsWith("driver", StringComparison.Ordinal))
        {
            return CueKind.DriversLicense;
        }

        if (w.StartsWith("routing", StringComparison.Ordinal) || w.StartsWith("aba", StringComparison.Ordinal) || w.StartsWith("rtn", StringComparison.Ordinal) || w.StartsWith("transit", StringComparison.Ordinal))
        {
            return CueKind.Routing;
        }

        if (w.StartsWith("iban", StringComparison.Ordinal))
        {
            return CueKind.Iban;
        }

        if (w.StartsWith("acc", StringComparison.Ordinal) || w.StartsWith("acct", StringComparison.Ordinal) || w.StartsWith("a/c", StringComparison.Ordinal)
            || w.StartsWith("checking", StringComparison.Ordinal) || w.StartsWith("savings", StringComparison.Ordinal))
        {
            return CueKind.Account;
        }

        if (w.Contains("card", StringComparison.Ordinal) || w is "visa" or "mastercard" or "amex" or "discover" or "pan")
        {
            return CueKind.Card;
        }

        if (w.Contains("mail", StringComparison.Ordinal) && w.StartsWith('e'))
        {
            return CueKind.Email;
        }

        if (w.StartsWith('$') || w.StartsWith("usd", StringComparison.Ordinal) || w.StartsWith("dollar", StringComparison.Ordinal)
            || w.StartsWith("amount", StringComparison.Ordinal) || w.StartsWith("balance", StringComparison.Ordinal) || w.StartsWith("fee", StringComparison.Ordinal))
        {
            return CueKind.Amount;
        }

        if (w.Contains("address", StringComparison.Ordinal) || w.StartsWith("live", StringComparison.Ordinal) || w.StartsWith("mail", StringComparison.Ordinal)
            || w.StartsWith("deliver", StringComparison.Ordinal) || w.StartsWith("ship", StringComparison.Ordinal) || w.StartsWith("branch", StringComparison.Ordinal)
            || w.StartsWith("located", StringComparison.Ordinal) || w.StartsWith("moved", StringComparison.Ordinal) || w.StartsWith("billing", StringComparison.Ordinal)
            || w.StartsWith("send", StringComparison.Ordinal) || w.StartsWith("residence", StringComparison.Ordinal) || w.StartsWith("atm", StringComparison.Ordinal))
        {
            return CueKind.Address;
        }

        return CueKind.Phone;
    }

    // One alternation, longest forms first. Word boundaries are explicit look-arounds because of '#' and '.'.
    // One alternation of ~150 phrases, longest forms first, run by the non-backtracking (automaton) engine: about ten
    // times faster here than the backtracking engines, which try the alternation at every position. That engine has
    // no look-arounds, so word boundaries are \b (a trailing '#' or '.' is then simply not part of the cue).
    private static readonly Regex CueRegex = new("""
        \b(?:
          gift\s*card(?:\s+(?:code|number|no\.?))?
        | (?:security|verification)\s+code | card\s+verification(?:\s+(?:value|code))? | cvv2? | cvc2? | cid
        | (?:promo|access|verification|one[-\s]time|otp|pin|zip|postal|area|return|reason|routing\s+code|swift|bic|sort)\s*code | code
        | transaction(?:\s+(?:id|number|no\.?|ref(?:erence)?|\#))? | txn(?:\s*id)?
        | order(?:\s+(?:id|number|no\.?|\#))? | invoice | case(?:\s+(?:id|number|no\.?|\#))? | claim | ticket | batch
        | confirmation(?:\s+(?:code|number|no\.?|\#))? | conf\.?\s*\#
        | reference(?:\s+(?:id|number|no\.?|\#))? | ref\.?(?:\s*(?:id|number|no\.?|\#))?
        | tracking(?:\s+(?:id|number|no\.?|\#))? | check\s+(?:number|no\.?|\#) | check | cheque
        | member(?:ship)?(?:\s+(?:id|number|no\.?|\#))? | loan(?:\s+(?:reference|number|id))?
        | dispute(?:\s+(?:id|number|no\.?|\#))? | payment\s+(?:id|reference|number) | transfer\s+(?:id|reference|number)
        | receipt | serial(?:\s+(?:number|no\.?))? | policy(?:\s+(?:number|no\.?))? | trace(?:\s+(?:id|number))? | voucher
        | customer\s+(?:id|number) | rewards\s+(?:id|number)
        | wire\s+(?:confirmation|reference|id)(?:\s+(?:number|no\.?|\#))?
        | ending(?:\s+in)? | ends\s+(?:in|with) | last\s+(?:four|4|digits)(?:\s+digits)?
        | social\s+security(?:\s+(?:number|no\.?|num|\#))? | soc\.?\s*sec\.?(?:\s*(?:no\.?|number|\#))? | social(?:\s+(?:number|no\.?|\#))?
        | ssn\#? | ss\# | ss\s+(?:no\.?|number|num) | ssa | tax\s*(?:payer)?\s*id(?:entification)?(?:\s+(?:number|no\.?))? | i?tin
        | (?:u\.?s\.?\s+)?passport(?:\s+(?:number|no\.?|num|\#))?
        | driver'?s?\s+licen[cs]es?(?:\s+(?:number|no\.?|num|\#))? | licen[cs]e(?:\s+(?:number|no\.?|num|\#))? | dl\s*\#? | driver\s+id
        | routing(?:\s+(?:and\s+transit\s+)?(?:number|no\.?|num|\#))? | aba(?:\s+(?:number|no\.?|\#|routing))? | rtn | transit\s+(?:number|no\.?)
        | iban
        | account(?:\s+(?:number|no\.?|num|\#))? | acct\.?(?:\s*(?:number|no\.?|\#))? | a/c | checking | savings
        | (?:credit|debit)\s+card(?:\s+(?:number|no\.?|\#))? | card(?:\s+(?:number|no\.?|num|\#))? | visa | mastercard | amex | discover | pan
        | e-?mail(?:\s+address)?
        | usd | dollars? | amount | balance | fees?
        | (?:mailing|home|billing|street|new|current|residential)\s+address | address | live\s+at | lives\s+at | mail(?:ed)?\s+to | mail
        | deliver(?:ed|y)?(?:\s+to)? | ship(?:ped)?\s+to | branch(?:\s+at)? | located\s+at | moved(?:\s+to)? | send(?:\s+it)?\s+to | residence | atm
        | (?:tele)?phone(?:\s+(?:number|no\.?|\#))? | cell(?:\s*phone)?(?:\s+(?:number|no\.?))? | mobile(?:\s+(?:number|no\.?))?
        | call(?:\s+me)?(?:\s+(?:back|at|on))? | text(?:\s+me)?(?:\s+(?:at|on))? | tel\.? | fax | landline | reach\s+me(?:\s+(?:at|on))? | contact\s+number
        )\b
        """, RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(RegexLimits.TimeoutMilliseconds));
}
