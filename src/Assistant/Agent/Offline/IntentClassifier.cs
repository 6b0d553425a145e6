namespace BankingLlm.Assistant.Agent.Offline;

/// <summary>The classifier's verdict: the intent, a confidence in [0, 1], and the cues that decided it.</summary>
public sealed record IntentResult(Intent Intent, double Confidence, IReadOnlyList<string> Cues);

/// <summary>
/// Rule-based intent classification for the offline model. Each intent has weighted cue phrases matched on word
/// boundaries of the normalised text; the best total wins, and a few structural rules (short yes/no answers, an
/// amount with "to", a routing number) settle the rest. Deterministic, so transcripts replay exactly.
/// </summary>
public static class IntentClassifier
{
    private const double Threshold = 1.0;

    private static readonly Dictionary<Intent, (string Cue, double Weight)[]> Cues = new()
    {
        [Intent.Greeting] = [("hi", 1), ("hello", 1), ("hey", 1), ("good morning", 1), ("good afternoon", 1), ("good evening", 1), ("hiya", 1), ("howdy", 1)],
        [Intent.Thanks] = [("thanks", 1.2), ("thank you", 1.2), ("cheers", 1), ("appreciate it", 1.2), ("much appreciated", 1.2)],
        [Intent.Goodbye] = [("bye", 1.2), ("goodbye", 1.2), ("see you", 1), ("that is all", 1.2), ("that is it", 1), ("have a good day", 1), ("i am done", 1.2), ("nothing else", 1.2)],
        [Intent.Help] = [("help", 1), ("what can you do", 1.5), ("what do you do", 1.2), ("how does this work", 1.2), ("options", 0.6), ("menu", 0.8), ("what can i ask", 1.5)],
        [Intent.TalkToHuman] = [("human", 1.5), ("real person", 2), ("a person", 1.2), ("agent", 1.2), ("representative", 1.5), ("someone", 0.6), ("speak to", 0.8), ("talk to", 0.8), ("operator", 1.2), ("customer service", 1.2), ("escalate", 1.5), ("supervisor", 1.2), ("manager", 1)],
        [Intent.ListAccounts] = [("my accounts", 1.5), ("all accounts", 1.5), ("list", 0.8), ("which accounts", 1.5), ("what accounts", 1.5), ("accounts do i have", 2), ("show accounts", 1.5), ("overview", 1), ("all my", 0.6)],
        [Intent.GetBalance] = [("balance", 1.5), ("how much", 1.2), ("money do i have", 1.5), ("how much money", 1.5), ("available", 0.8), ("funds", 0.8), ("what do i have", 1), ("left in", 1.2), ("in my", 0.3), ("do i have", 0.4), ("owe", 1)],
        [Intent.AccountDetails] = [("interest rate", 2), ("apr", 2), ("rate", 0.8), ("credit limit", 2), ("limit", 0.7), ("minimum balance", 2.5), ("overdraft", 2), ("opened", 1.2), ("details", 1.2), ("ownership", 1.5), ("joint", 1), ("account info", 1.5), ("information about", 1)],
        [Intent.RecentTransactions] = [("transactions", 1.5), ("recent", 1), ("history", 1.3), ("activity", 1.3), ("statement", 1.2), ("last transactions", 2), ("latest", 1), ("what did i buy", 1.5), ("purchases", 1), ("charges", 1), ("payments", 0.8), ("deposits", 1), ("withdrawals", 1), ("pending", 0.8)],
        [Intent.SearchTransactions] = [("search", 1.5), ("find", 1), ("look for", 1.2), ("look up", 1), ("charge from", 1.5), ("payment to", 1), ("did i pay", 1.5), ("any transactions", 1), ("over", 0.3), ("more than", 0.6), ("less than", 0.6), ("between", 0.5), ("at ", 0.2)],
        [Intent.SpendingSummary] = [("spend", 1.5), ("spent", 1.5), ("spending", 1.8), ("summary", 1.2), ("breakdown", 1.5), ("by category", 1.5), ("by merchant", 1.5), ("where does my money go", 2.5), ("budget", 1), ("total", 0.8)],
        [Intent.Transfer] = [("transfer", 1.5), ("move", 1.2), ("send", 1.2), ("pay", 0.8), ("put", 0.6), ("shift", 0.8), ("wire", 1), ("from", 0.3), ("into", 0.5), ("pay off", 1.2), ("payment to my", 1.2), ("top up", 1)],
        [Intent.ExternalTransfer] = [("routing", 2.5), ("aba", 2.5), ("external", 1.5), ("another bank", 2), ("other bank", 2), ("someone else", 1), ("beneficiary", 2), ("recipient", 1.2), ("wire to", 1.5), ("account number", 0.8), ("[bank_account_", 2)],
        [Intent.KycStatus] = [("kyc", 2.5), ("verification", 1.5), ("verified", 1.5), ("verify", 1.2), ("identity", 1.5), ("profile complete", 2), ("documents", 1.2), ("know your customer", 2.5), ("id check", 1.5), ("still need", 1)],
        [Intent.ReportFraud] = [("fraud", 2.5), ("fraudulent", 2.5), ("stolen", 2), ("scam", 2), ("scammed", 2.5), ("did not make", 2), ("do not recognize", 2), ("don t recognize", 2), ("unauthorized", 2.5), ("suspicious", 2), ("hacked", 2), ("lost my card", 2), ("not me", 1.5), ("someone used", 2), ("phishing", 2)],
        [Intent.OutOfScope] = [("weather", 2), ("joke", 2), ("recipe", 2), ("stock tip", 2), ("bitcoin", 1.5), ("crypto", 1.5), ("movie", 2), ("sports", 2), ("poem", 2), ("president", 1.5), ("capital of", 2), ("write code", 2), ("homework", 2), ("mortgage rates", 1.2), ("invest in", 1.2)],
    };

    private static readonly string[] ConfirmWords =
    [
        "yes", "yeah", "yep", "yup", "sure", "ok", "okay", "confirm", "confirmed", "go ahead", "do it", "please do",
        "proceed", "correct", "that is right", "sounds good", "absolutely", "of course", "affirmative", "approve", "send it",
        "make it so", "go for it", "yes please", "right",
    ];

    private static readonly string[] CancelWords =
    [
        "no", "nope", "nah", "cancel", "stop", "never mind", "nevermind", "forget it", "do not", "abort", "scratch that",
        "hold on", "wait", "not now", "changed my mind",
    ];

    /// <summary>Classifies one masked customer turn. <paramref name="awaitingConfirmation"/>: a pending action awaits a yes/no.</summary>
    public static IntentResult Classify(string text, bool awaitingConfirmation = false)
    {
        var norm = TextNormalizer.Normalize(text);
        var words = norm.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // Short answers to a pending confirmation: "yes, go ahead", "no, cancel that".
        if (awaitingConfirmation && words.Length <= 8)
        {
            var cancel = CancelWords.Where(w => Has(norm, w)).ToList();
            var confirm = ConfirmWords.Where(w => Has(norm, w)).ToList();
            if (cancel.Count > 0)
            {
                return new IntentResult(Intent.Cancel, 0.95, cancel);
            }
            if (confirm.Count > 0 && !LooksLikeNewRequest(norm))
            {
                return new IntentResult(Intent.Confirm, 0.95, confirm);
            }
        }
        else if (words.Length <= 3 && CancelWords.FirstOrDefault(w => Has(norm, w)) is { } word)
        {
            // "cancel" with nothing pending: the dialogue answers that there is nothing to cancel.
            return new IntentResult(Intent.Cancel, 0.6, [word]);
        }

        var scores = new Dictionary<Intent, (double Score, List<string> Cues)>();
        foreach (var (intent, cues) in Cues)
        {
            foreach (var (cue, weight) in cues)
            {
                if (Has(norm, cue))
                {
                    var entry = scores.TryGetValue(intent, out var e) ? e : (0, []);
                    entry.Cues.Add(cue);
                    scores[intent] = (entry.Score + weight, entry.Cues);
                }
            }
        }

        // Structural rules: an amount plus a destination is a transfer; a routing number or IBAN makes it external.
        var hasAmount = words.Any(w => w.StartsWith('$') || (w.Length > 0 && char.IsDigit(w[0]))) || Has(norm, "dollars") || Has(norm, "bucks");
        if (hasAmount && (Has(norm, "to") || Has(norm, "into")) && scores.ContainsKey(Intent.Transfer))
        {
            Boost(scores, Intent.Transfer, 1.0, "amount+to");
        }
        if (scores.ContainsKey(Intent.ExternalTransfer) && (scores.ContainsKey(Intent.Transfer) || hasAmount))
        {
            Boost(scores, Intent.ExternalTransfer, 1.0, "external+money");
        }
        if (scores.ContainsKey(Intent.SpendingSummary) && scores.ContainsKey(Intent.RecentTransactions))
        {
            Boost(scores, Intent.SpendingSummary, 0.5, "spending over history");
        }
        if (scores.ContainsKey(Intent.SearchTransactions) && !scores.ContainsKey(Intent.RecentTransactions) && scores[Intent.SearchTransactions].Score < 1.5)
        {
            scores.Remove(Intent.SearchTransactions);
        }

        if (scores.Count == 0)
        {
            return new IntentResult(Intent.Unknown, 0, []);
        }
        var best = scores.OrderByDescending(s => s.Value.Score).ThenBy(s => Priority(s.Key)).First();
        if (best.Value.Score < Threshold)
        {
            return new IntentResult(Intent.Unknown, best.Value.Score / 2, best.Value.Cues);
        }
        var total = scores.Values.Sum(v => v.Score);
        var confidence = Math.Round(Math.Min(0.99, 0.5 + (0.5 * best.Value.Score / total)), 2);
        return new IntentResult(best.Key, confidence, best.Value.Cues);
    }

    private static bool LooksLikeNewRequest(string norm) =>
        Has(norm, "balance") || Has(norm, "transfer") || Has(norm, "move") || Has(norm, "how much") || Has(norm, "transactions");

    private static void Boost(Dictionary<Intent, (double Score, List<string> Cues)> scores, Intent intent, double by, string why)
    {
        var entry = scores.TryGetValue(intent, out var e) ? e : (0, []);
        entry.Cues.Add(why);
        scores[intent] = (entry.Score + by, entry.Cues);
    }

    /// <summary>On equal scores, the intent that acts on the customer's request beats small talk.</summary>
    private static int Priority(Intent intent) => intent switch
    {
        Intent.ReportFraud => 0,
        Intent.ExternalTransfer => 1,
        Intent.Transfer => 2,
        Intent.TalkToHuman => 3,
        Intent.SpendingSummary => 4,
        Intent.SearchTransactions => 5,
        Intent.RecentTransactions => 6,
        Intent.AccountDetails => 7,
        Intent.GetBalance => 8,
        Intent.ListAccounts => 9,
        Intent.KycStatus => 10,
        Intent.OutOfScope => 11,
        Intent.Help => 12,
        Intent.Thanks => 13,
        Intent.Goodbye => 14,
        Intent.Greeting => 15,
        _ => 99,
    };

    private static bool Has(string norm, string cue) => norm.Contains(" " + cue + " ", StringComparison.Ordinal) || (cue.EndsWith(' ') && norm.Contains(" " + cue, StringComparison.Ordinal)) || (cue.StartsWith('[') && norm.Contains(cue, StringComparison.Ordinal));
}
