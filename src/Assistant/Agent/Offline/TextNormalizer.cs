using System.Text;

namespace BankingLlm.Assistant.Agent.Offline;

/// <summary>
/// Lower-cases a turn, expands contractions and folds punctuation to spaces (keeping placeholders like [SSN_1],
/// amounts and decimal points), so that phrase rules see "what's" and "what is" alike.
/// </summary>
public static class TextNormalizer
{
    private static readonly (string From, string To)[] Contractions =
    [
        ("what's", "what is"), ("how's", "how is"), ("where's", "where is"), ("i'm", "i am"), ("i've", "i have"),
        ("i'd", "i would"), ("i'll", "i will"), ("don't", "do not"), ("doesn't", "does not"), ("didn't", "did not"),
        ("can't", "cannot"), ("won't", "will not"), ("isn't", "is not"), ("it's", "it is"), ("that's", "that is"),
        ("let's", "let us"), ("wanna", "want to"), ("gonna", "going to"), ("gimme", "give me"), ("pls", "please"),
        ("plz", "please"), ("thx", "thanks"), ("ty", "thank you"), ("acct", "account"), ("accts", "accounts"),
        ("bal", "balance"), ("txns", "transactions"), ("txn", "transaction"), ("chequing", "checking"),
    ];

    public static string Normalize(string text)
    {
        var lower = text.ToLowerInvariant().Replace('\u2019', '\'');
        var sb = new StringBuilder(lower.Length + 8);
        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            var keep = char.IsLetterOrDigit(c) || c is '\'' or '$' or '[' or ']' or '_'
                || (c is '.' or ',' && i > 0 && i + 1 < lower.Length && char.IsDigit(lower[i - 1]) && char.IsDigit(lower[i + 1]));
            sb.Append(keep ? c : ' ');
        }
        var words = sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => Contractions.FirstOrDefault(p => p.From == w).To ?? w.Trim('\''));
        return " " + string.Join(' ', words) + " ";
    }
}
