using System.Collections.Frozen;
using System.Text;
using BankingLlm.PiiGuard.Voice;

namespace BankingLlm.Assistant.Agent.Offline;

/// <summary>
/// Puts a customer turn into one canonical form before any rule looks at it, so that the rules see the many ways
/// of writing the same thing alike: lower case; punctuation folded to spaces (keeping placeholders like [SSN_1],
/// amounts and decimal points); contractions with or without the apostrophe ("what's", "whats"); chat shorthand
/// ("u", "pls", "xfer", "chk"); British spellings ("recognise", "cheque"); typos of the bank's vocabulary
/// ("trasnfer", "savngs", "avaliable") corrected by edit distance; and spoken numbers as digits
/// ("ending four eight two one" -> "ending 4821", "last ten days" -> "last 10 days"), with the PII guard's own
/// spoken-form normaliser. The result starts and ends with a space, so phrase rules can match on word boundaries.
/// </summary>
public static partial class TextNormalizer
{
    private static readonly FrozenDictionary<string, string> Rewrites = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // contractions, with and without the apostrophe
        ["what's"] = "what is", ["whats"] = "what is", ["how's"] = "how is", ["hows"] = "how is", ["where's"] = "where is",
        ["i'm"] = "i am", ["im"] = "i am", ["i've"] = "i have", ["ive"] = "i have", ["i'd"] = "i would", ["i'll"] = "i will",
        ["don't"] = "do not", ["dont"] = "do not", ["doesn't"] = "does not", ["doesnt"] = "does not", ["didn't"] = "did not",
        ["didnt"] = "did not", ["can't"] = "cannot", ["cant"] = "cannot", ["won't"] = "will not", ["wont"] = "will not",
        ["isn't"] = "is not", ["isnt"] = "is not", ["it's"] = "it is", ["that's"] = "that is", ["thats"] = "that is",
        ["let's"] = "let us", ["wasn't"] = "was not", ["wasnt"] = "was not", ["weren't"] = "were not", ["haven't"] = "have not",
        ["havent"] = "have not", ["hasn't"] = "has not", ["aren't"] = "are not", ["couldn't"] = "could not",
        ["wouldn't"] = "would not", ["shouldn't"] = "should not", ["you're"] = "you are", ["there's"] = "there is",
        ["theres"] = "there is", ["who's"] = "who is", ["ain't"] = "is not",
        // chat shorthand
        ["wanna"] = "want to", ["gonna"] = "going to", ["gimme"] = "give me", ["lemme"] = "let me", ["pls"] = "please",
        ["plz"] = "please", ["plse"] = "please", ["thx"] = "thanks", ["thanx"] = "thanks", ["tx"] = "thanks", ["ty"] = "thank you",
        ["thankyou"] = "thank you", ["thanku"] = "thank you", ["tysm"] = "thank you", ["ta"] = "thanks", ["u"] = "you",
        ["ur"] = "your", ["r"] = "are", ["hw"] = "how", ["hav"] = "have", ["abt"] = "about", ["wat"] = "what", ["wot"] = "what",
        ["cya"] = "see you", ["ttyl"] = "talk to you later", ["bday"] = "birthday", ["ya"] = "yes", ["yea"] = "yes",
        ["yess"] = "yes", ["yesss"] = "yes", ["ye"] = "yes", ["y"] = "yes", ["k"] = "ok", ["kk"] = "ok", ["okey"] = "okay",
        ["helo"] = "hello", ["hello"] = "hello", ["hii"] = "hi", ["heya"] = "hey", ["sup"] = "hey",
        ["acct"] = "account", ["accts"] = "accounts", ["acc"] = "account", ["a/c"] = "account",
        ["bal"] = "balance", ["txns"] = "transactions", ["txn"] = "transaction", ["trans"] = "transactions",
        ["xfer"] = "transfer", ["xfr"] = "transfer", ["trf"] = "transfer", ["chk"] = "checking", ["chq"] = "checking",
        ["chking"] = "checking", ["sav"] = "savings", ["svgs"] = "savings", ["cc"] = "credit card",
        ["info"] = "information", ["amt"] = "amount", ["approx"] = "about",
        // British and other spellings
        ["chequing"] = "checking", ["cheque"] = "check", ["recognise"] = "recognize", ["recognised"] = "recognized",
        ["authorise"] = "authorize", ["authorised"] = "authorized", ["unauthorised"] = "unauthorized",
        ["categorise"] = "categorize", ["categorised"] = "categorized", ["organise"] = "organize", ["favourite"] = "favorite",
        ["cancelled"] = "canceled", ["travelling"] = "traveling",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The canonical form of a turn (see the class summary), framed by spaces.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant().Replace('\u2019', '\'').Replace('£', '$').Replace('€', '$');
        var sb = new StringBuilder(lower.Length + 8);
        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            var keep = char.IsLetterOrDigit(c) || c is '\'' or '$' or '[' or ']' or '_'
                || (c is '.' or ',' && i > 0 && i + 1 < lower.Length && char.IsDigit(lower[i - 1]) && char.IsDigit(lower[i + 1]));
            sb.Append(keep ? c : ' ');
        }
        var words = new List<string>();
        foreach (var raw in sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.EndsWith("'s", StringComparison.Ordinal) && !Rewrites.ContainsKey(raw) ? raw[..^2] : raw;
            if (Rewrites.TryGetValue(word, out var rewritten))
            {
                words.Add(rewritten);
                continue;
            }
            word = word.Trim('\'');
            if (word.Length > 0)
            {
                words.Add(Lexicon.Correct(word));
            }
        }
        var joined = string.Join(' ', words);
        return " " + SpokenNumbers(joined) + " ";
    }

    /// <summary>Number words as digits, through the PII guard's spoken-form normaliser; placeholders are left alone.</summary>
    private static string SpokenNumbers(string text)
    {
        if (!Lexicon.HasNumberWord(text))
        {
            return text;
        }
        // "a hundred and fifty" is "one hundred fifty" to the normaliser, which reads cardinals without "a" and "and".
        var spoken = HundredAnd().Replace(" " + text + " ", " ${unit} ");
        spoken = AHundred().Replace(spoken, " one ${unit} ").Trim();
        return SpokenFormNormalizer.Normalize(spoken).Text.ToLowerInvariant();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@" (?<unit>hundred|thousand) and (?=(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety) )", System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex HundredAnd();

    [System.Text.RegularExpressions.GeneratedRegex(@" an? (?<unit>hundred|thousand) ", System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex AHundred();
}
