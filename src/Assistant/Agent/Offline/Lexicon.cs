using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace BankingLlm.Assistant.Agent.Offline;

/// <summary>
/// The offline model's word knowledge: the banking vocabulary that typos are corrected towards (by Damerau-Levenshtein
/// distance), and lemmas, so that "transfers", "transferred" and "transferring" all count as "transfer" and
/// "paid", "spent", "stole" as "pay", "spend", "steal".
/// </summary>
public static partial class Lexicon
{
    /// <summary>Words customers misspell that the rules care about. A typo is corrected only towards these.</summary>
    private static readonly FrozenSet<string> Vocabulary = FrozenSet.ToFrozenSet(
    [
        "account", "accounts", "available", "balance", "balances", "checking", "savings", "saving", "credit", "statement",
        "history", "transfer", "transfers", "transaction", "transactions", "payment", "payments", "purchase", "purchases",
        "deposit", "deposits", "withdrawal", "withdrawals", "spending", "summary", "breakdown", "category", "categories",
        "merchant", "expenses", "interest", "overdraft", "minimum", "details", "limit", "mortgage", "investment", "recent",
        "recently", "activity", "verification", "verified", "identity", "documents", "fraud", "fraudulent", "unauthorized",
        "suspicious", "stolen", "recognize", "scammed", "hacked", "compromised", "representative", "supervisor", "customer",
        "service", "someone", "somebody", "person", "human", "beneficiary", "routing", "external", "another", "different",
        "please", "thanks", "hello", "goodbye", "confirm", "cancel", "proceed", "yesterday", "today", "month", "week",
        "weekend", "hundred", "thousand", "dollars", "money", "search", "overview", "current",
        "operator", "escalate", "manager", "information", "complete", "profile", "passport", "license", "address",
        "everything", "spend", "receive", "salary", "charges", "charge", "weather", "recipe",
    ], StringComparer.Ordinal);

    /// <summary>
    /// Words that are right as written and must never be "corrected": the vocabulary with its inflections, and
    /// everyday words one edit away from a vocabulary word ("pending" is not "spending", "change" not "charge").
    /// </summary>
    private static readonly FrozenSet<string> Known = FrozenSet.ToFrozenSet(
        Vocabulary.SelectMany(w => (string[])[w, w + "s", w + "es", w + "d", w + "ed", w + "ing", w.TrimEnd('e') + "ing", w.TrimEnd('e') + "ed"]).Concat(
        [
            "pending", "change", "changed", "overdrawn", "thank", "about", "there", "their", "where", "which", "while", "would",
            "could", "should", "other", "another", "think", "things", "thing", "these", "those", "using", "right", "today",
            "hours", "house", "spent", "sent", "paying", "payed", "spending", "spends", "month", "months", "weeks", "years",
            "every", "everyday", "night", "mount", "amount", "amounts", "counts", "count", "court", "credits", "carded",
            "chase", "check", "checks", "cheque", "saved", "saves", "moved", "moving", "moves", "sending", "sends", "limits",
            "rates", "rated", "summer", "store", "stores", "still", "stole", "steal", "scams", "legal", "local", "label",
            "loans", "later", "latest", "lately", "alone", "along", "being", "bring", "hello", "helps", "helped", "human",
            "humans", "person", "people", "phone", "place", "plans", "plane", "please", "pleased", "price", "prices", "profit",
            "refund", "refunds", "rental", "renting", "salary", "sales", "share", "shares", "short", "since", "start", "state",
            "stuff", "taken", "their", "times", "total", "totals", "under", "until", "value", "wallet", "wants", "wanted",
            "watch", "water", "where", "whole", "world", "worth", "write", "wrong", "yours", "quick", "quite", "never", "mind",
            "maybe", "money", "again", "agent", "agents", "above", "below", "after", "before", "first", "second", "third",
            "fourth", "fifth", "seven", "eight", "three", "fifty", "forty", "sixty", "ninety", "twenty", "thirty", "hundred",
            "thousand", "dollar", "bucks", "grand", "pounds", "cents", "recognized", "authorized", "unauthorized", "canceled",
            "outgoings", "outgoing", "expense", "opened", "earns", "earned", "lower", "higher", "largest", "biggest", "spending", "spend",
            "deposited", "withdrew", "charged", "billed", "purchased", "bought", "transferred", "transferring", "trading",
        ]), StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Irregular = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["paid"] = "pay", ["sent"] = "send", ["spent"] = "spend", ["bought"] = "buy", ["stole"] = "steal", ["stolen"] = "steal",
        ["took"] = "take", ["taken"] = "take", ["went"] = "go", ["gone"] = "go", ["got"] = "get", ["gotten"] = "get",
        ["made"] = "make", ["came"] = "come", ["lost"] = "lose", ["owes"] = "owe", ["owed"] = "owe", ["did"] = "do",
        ["does"] = "do", ["has"] = "have", ["had"] = "have", ["was"] = "be", ["were"] = "be", ["is"] = "be", ["are"] = "be",
        ["am"] = "be", ["been"] = "be", ["gave"] = "give", ["given"] = "give", ["put"] = "put", ["withdrew"] = "withdraw",
        ["withdrawn"] = "withdraw", ["opened"] = "open", ["hundred"] = "hundred", ["need"] = "need", ["needed"] = "need", ["used"] = "use", ["using"] = "use", ["charged"] = "charge",
        ["purchased"] = "purchase", ["closed"] = "close", ["recognized"] = "recognize", ["authorized"] = "authorize", ["unauthorized"] = "unauthorized",
        ["approved"] = "approved", ["expired"] = "expired", ["verified"] = "verified", ["compromised"] = "compromised", ["scammed"] = "scammed", ["news"] = "news",
        ["savings"] = "saving", ["accounts"] = "accounts", ["options"] = "option", ["thanks"] = "thanks", ["always"] = "always", ["anything"] = "anything",
        ["everything"] = "everything", ["something"] = "something", ["nothing"] = "nothing", ["morning"] = "morning",
        ["evening"] = "evening", ["checking"] = "checking", ["spending"] = "spend", ["outgoings"] = "outgoing", ["outgoing"] = "outgoing",
        ["during"] = "during", ["bring"] = "bring", ["anyone"] = "anyone", ["process"] = "process", ["business"] = "business",
        ["less"] = "less", ["yes"] = "yes", ["this"] = "this", ["his"] = "his", ["us"] = "us", ["bus"] = "bus",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>A word not in the vocabulary, one or two edits away from exactly one vocabulary word, becomes that word.</summary>
    public static string Correct(string word)
    {
        if (word.Length < 5 || Known.Contains(word) || !word.All(char.IsAsciiLetterLower))
        {
            return word;
        }
        var limit = word.Length >= 10 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        var ties = 0;
        foreach (var candidate in Vocabulary)
        {
            if (Math.Abs(candidate.Length - word.Length) > limit)
            {
                continue;
            }
            var d = Distance(word, candidate, limit);
            if (d < bestDistance)
            {
                (best, bestDistance, ties) = (candidate, d, 1);
            }
            else if (d == bestDistance)
            {
                ties++;
            }
        }
        // Plural/singular pairs of one word tie harmlessly; any other tie is too uncertain to correct.
        return best is not null && bestDistance <= limit && (ties == 1 || Vocabulary.Contains(best.TrimEnd('s'))) ? best : word;
    }

    /// <summary>The lemma of one lower-case word: irregular forms by table, then -ies, -ing, -ed, -es, -s.</summary>
    public static string Lemma(string word)
    {
        if (Irregular.TryGetValue(word, out var lemma))
        {
            return lemma;
        }
        if (word.Length <= 3 || !word.All(char.IsAsciiLetterLower))
        {
            return word;
        }
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }
        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5)
        {
            return Undouble(word[..^3]);
        }
        if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4)
        {
            var stem = word[..^2];
            return stem.EndsWith('i') ? stem[..^1] + "y" : Undouble(stem);
        }
        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal))
        {
            return word[..^2];
        }
        if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal))
        {
            return word[..^1];
        }
        return word;
    }

    /// <summary>The lemmas of a normalised text, framed by spaces like the text itself.</summary>
    public static string Lemmatize(string normalized) =>
        " " + string.Join(' ', normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Lemma)) + " ";

    public static bool HasNumberWord(string text) => NumberWord().IsMatch(text);

    // "transferr" -> "transfer", "shopp" -> "shop"; "bill" and "sell" keep their double letter.
    private static string Undouble(string stem) =>
        stem.Length > 3 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'e' or 'o') ? stem[..^1]
        : stem.EndsWith("at", StringComparison.Ordinal) || stem.EndsWith("iz", StringComparison.Ordinal) || stem.EndsWith("us", StringComparison.Ordinal) || stem.EndsWith("rv", StringComparison.Ordinal) || stem.EndsWith("os", StringComparison.Ordinal) || stem.EndsWith("ceiv", StringComparison.Ordinal) ? stem + "e"
        : stem;

    /// <summary>Damerau-Levenshtein (optimal string alignment) distance, giving up above <paramref name="limit"/>.</summary>
    private static int Distance(string a, string b, int limit)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                }
                d[i, j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > limit)
            {
                return limit + 1;
            }
        }
        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|zero|double|triple)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NumberWord();
}
