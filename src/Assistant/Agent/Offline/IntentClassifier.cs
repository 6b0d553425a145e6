namespace BankingLlm.Assistant.Agent.Offline;

/// <summary>The classifier's verdict: the intent, a confidence in [0, 1], and the cues that decided it.</summary>
public sealed record IntentResult(Intent Intent, double Confidence, IReadOnlyList<string> Cues);

/// <summary>
/// Rule-based intent classification for the offline model, in three layers:
/// <list type="number">
/// <item>the turn is put in canonical form (<see cref="TextNormalizer"/>: contractions, shorthand, typos, British
/// spellings, spoken numbers) and reduced to lemmas (<see cref="Lexicon"/>), so that word forms do not matter;</item>
/// <item>weighted cues per intent (<see cref="IntentCues"/>: words and short phrases of the bank's vocabulary, not
/// sentences) add up to a score per intent;</item>
/// <item>features of the turn adjust the scores: an amount and an account of the customer's make a money verb a
/// transfer, a person or another bank makes it external, an amount bound or a merchant makes a history question a
/// search, "how much" with a spending verb is a summary, "transfer me to an agent" is a person.</item>
/// </list>
/// The best score wins when it reaches the threshold; ties go to the intent that acts on the request. With a
/// confirmation pending, short answers are read as yes, no, or a correction ("no, make it 300").
/// Deterministic, so transcripts replay exactly.
/// </summary>
public static class IntentClassifier
{
    private const double Threshold = 1.0;

    /// <summary>Classifies one masked customer turn. <paramref name="awaitingConfirmation"/>: a pending action awaits a yes/no.</summary>
    public static IntentResult Classify(string text, bool awaitingConfirmation = false, IReadOnlyCollection<string>? nicknames = null)
    {
        var norm = TextNormalizer.Normalize(text);
        var features = TurnFeatures.Of(text, norm, nicknames);

        if (awaitingConfirmation && Answer(norm, features) is { } answer)
        {
            return answer;
        }
        var scores = Score(norm, features);
        if (!awaitingConfirmation && features.Words <= 3 && IntentCues.FirstMatch(norm, IntentCues.CancelWords) is { } word
            && !scores.Any(s => s.Value.Score >= 1.5))
        {
            // "cancel" with nothing pending: the dialogue answers that there is nothing to cancel.
            return new IntentResult(Intent.Cancel, 0.6, [word]);
        }
        if (!awaitingConfirmation && features.Words <= 3 && IntentCues.FirstMatch(norm, IntentCues.ConfirmWords) is { } yes && scores.Count == 0)
        {
            // "yes" with nothing pending: the dialogue answers that there is nothing to confirm.
            return new IntentResult(Intent.Confirm, 0.6, [yes]);
        }
        return Best(scores);
    }

    /// <summary>A yes, a no, or a correction of the pending action; null when the turn is a new request.</summary>
    private static IntentResult? Answer(string norm, TurnFeatures f)
    {
        var cancel = IntentCues.Matches(norm, IntentCues.CancelWords);
        var confirm = IntentCues.Matches(norm, IntentCues.ConfirmWords);
        var correction = IntentCues.Matches(norm, IntentCues.CorrectionWords);
        var changesDetail = f.HasNumber || f.AccountMentions > 0;

        // "no, make it 300", "actually take it from savings", "sorry, 120 not 200", "no no, 40".
        if (changesDetail && (correction.Count > 0 || cancel.Count > 0 || f.Words <= 3) && !IsNewRequest(norm, f))
        {
            return new IntentResult(Intent.Correction, 0.9, [.. correction, .. cancel, "changed detail"]);
        }
        if (f.Words > 10)
        {
            return null;
        }
        if (cancel.Count > 0)
        {
            return new IntentResult(Intent.Cancel, 0.95, cancel);
        }
        if (confirm.Count > 0 && !IsNewRequest(norm, f))
        {
            return new IntentResult(Intent.Confirm, 0.95, confirm);
        }
        return null;
    }

    /// <summary>A question of its own while a confirmation waits: "ok what's my balance in savings".</summary>
    private static bool IsNewRequest(string norm, TurnFeatures f)
    {
        var best = Best(Score(norm, f));
        return best.Intent switch
        {
            Intent.Transfer or Intent.ExternalTransfer => f.HasNumber && IntentCues.Matches(norm, IntentCues.CorrectionWords).Count == 0 && f.Words > 4,
            Intent.Unknown or Intent.Greeting or Intent.Thanks or Intent.Goodbye or Intent.Help or Intent.Confirm or Intent.Cancel or Intent.Correction => false,
            _ => best.Confidence >= 0.5 && best.Cues.Count > 0 && !f.IsShort,
        };
    }

    private static Dictionary<Intent, (double Score, List<string> Cues)> Score(string norm, TurnFeatures f)
    {
        var lemmas = Lexicon.Lemmatize(norm);
        var scores = new Dictionary<Intent, (double Score, List<string> Cues)>();
        foreach (var (intent, cue, weight) in IntentCues.All)
        {
            if (IntentCues.Has(lemmas, cue))
            {
                Add(scores, intent, weight, cue.Trim());
            }
        }

        bool Scored(Intent i) => scores.ContainsKey(i);
        double Of(Intent i) => scores.TryGetValue(i, out var e) ? e.Score : 0;
        var moneyVerb = IntentCues.Has(lemmas, " transfer ") || IntentCues.Has(lemmas, " move ") || IntentCues.Has(lemmas, " send ")
            || IntentCues.Has(lemmas, " put ") || IntentCues.Has(lemmas, " shift ") || IntentCues.Has(lemmas, " wire ")
            || IntentCues.Has(lemmas, " pay ") || IntentCues.Has(lemmas, " payment ") || IntentCues.Has(lemmas, " top up ") || IntentCues.Has(lemmas, " take ");

        // A person is asked for, not money moved: "transfer me to an agent", "put me through to someone".
        if (IntentCues.Has(lemmas, " transfer me ") || IntentCues.Has(lemmas, " put me through ") || IntentCues.Has(lemmas, " connect me "))
        {
            Add(scores, Intent.TalkToHuman, 2.0, "me to a person");
            moneyVerb = false;
            scores.Remove(Intent.Transfer);
        }
        // Money verb + amount or the customer's own account: a transfer. Paying a card or loan is one too.
        if (moneyVerb && (f.HasMoney || f.AccountMentions > 0) && !Scored(Intent.SearchTransactions))
        {
            Add(scores, Intent.Transfer, f.HasMoney && f.AccountMentions > 0 ? 1.5 : 1.0, "money verb+amount/account");
        }
        if (moneyVerb && f.DebtAccount && IntentCues.Has(lemmas, " pay "))
        {
            Add(scores, Intent.Transfer, 1.0, "pay a card or loan");
        }
        // Someone else's account or another bank: external.
        if (Scored(Intent.ExternalTransfer) && (moneyVerb || f.HasMoney))
        {
            Add(scores, Intent.ExternalTransfer, 1.0, "external+money");
        }
        // Limits on amounts or a merchant turn a history question into a search.
        if (f.HasBounds && (Scored(Intent.RecentTransactions) || Scored(Intent.SearchTransactions) || f.Words <= 8) && !moneyVerbWithAccounts(f, moneyVerb))
        {
            Add(scores, Intent.SearchTransactions, 2.0, "amount bounds");
        }
        if (f.HasMerchant && (Scored(Intent.RecentTransactions) || Scored(Intent.SearchTransactions)) && f.AccountMentions == 0)
        {
            Add(scores, Intent.SearchTransactions, 1.5, "merchant");
        }
        // "how much ... spend / went out" is a spending total, "how much can I spend" is a balance.
        if (Scored(Intent.SpendingSummary) && Scored(Intent.RecentTransactions))
        {
            Add(scores, Intent.SpendingSummary, 0.5, "spending over history");
        }
        if (Scored(Intent.SpendingSummary) && IntentCues.Has(lemmas, " how much "))
        {
            Add(scores, Intent.SpendingSummary, 1.5, "how much+spend");
        }
        if (IntentCues.Has(lemmas, " can i spend ") || IntentCues.Has(lemmas, " to spend ") || IntentCues.Has(lemmas, " can i afford "))
        {
            scores.Remove(Intent.SpendingSummary);
            Add(scores, Intent.GetBalance, 1.5, "can spend");
        }
        // "from checking to savings, 300 please": two of the customer's accounts, a direction and an amount.
        if (f.AccountMentions >= 2 && f.HasMoney && IntentCues.Has(lemmas, " from ") && IntentCues.Has(lemmas, " to "))
        {
            Add(scores, Intent.Transfer, 1.5, "from+to+amount");
        }
        // A bare account with a question word ("what's in my checking", "how much in Everyday") asks for a balance.
        if (f.AccountMentions > 0 && Of(Intent.GetBalance) > 0 && Of(Intent.GetBalance) < Threshold && scores.Count == 1)
        {
            Add(scores, Intent.GetBalance, 0.6, "account question");
        }
        return scores;

        static bool moneyVerbWithAccounts(TurnFeatures f, bool moneyVerb) => moneyVerb && f.AccountMentions > 0;
    }

    private static IntentResult Best(Dictionary<Intent, (double Score, List<string> Cues)> scores)
    {
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

    private static void Add(Dictionary<Intent, (double Score, List<string> Cues)> scores, Intent intent, double by, string why)
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
}
