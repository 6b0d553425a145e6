namespace BankingLlm.Assistant.Agent.Offline;

/// <summary>
/// The vocabulary of each intent: words and short phrases with a weight, matched as lemmas on word boundaries
/// ("transactions", "transferred" and "purchased" match "transaction", "transfer", "purchase"). A strong cue alone
/// decides an intent (weight >= 1); weak cues (&lt; 1) only count together. Add words here, never whole sentences.
/// </summary>
public static class IntentCues
{
    private static readonly (Intent Intent, string Cue, double Weight)[] Table =
    [
        // small talk
        .. Cues(Intent.Greeting, 1.0, "hi", "hello", "hey", "good morning", "good afternoon", "good evening", "morning", "afternoon", "evening", "hiya", "howdy", "yo", "greetings", "how are you", "howdy"),
        .. Cues(Intent.Thanks, 1.2, "thanks", "thank you", "cheers", "much appreciated", "grateful", "thank"),
        .. Cues(Intent.Thanks, 1.5, "appreciate", "for your help", "thanks for"),
        .. Cues(Intent.Goodbye, 1.2, "bye", "goodbye", "see you", "that is all", "that is it", "have a good day", "have a nice day", "i am done", "nothing else", "later", "good night", "catch you", "talk to you later", "that be all", "farewell", "take care", "all done", "that is everything"),
        .. Cues(Intent.Help, 1.2, "help", "can you do", "what do you do", "how do this work", "what can i ask", "my option", "menu", "can i do", "service do you offer", "what can you", "what do you offer", "able to help", "what be you able", "what kind of thing"),
        .. Cues(Intent.OutOfScope, 2.0, "weather", "joke", "recipe", "stock tip", "bitcoin", "crypto", "movie", "film", "sport", "football", "soccer", "baseball", "basketball", "poem", "president", "capital of", "write code", "code for me", "python", "homework", "essay", "flight", "hotel", "pizza", "restaurant", "order me", "book me", "what time", "meaning of life", "translate", "music", "song", "play some", "news", "election", "which stock", "share price", "invest in", "lottery", "horoscope", "girlfriend", "boyfriend", "game"),
        .. Cues(Intent.TalkToHuman, 1.5, "human", "real person", "representative", "live agent", "escalate", "operator", "member of staff", "customer service", "customer support", "someone real", "somebody real", "advisor", "adviser", "banker", "call center", "call centre", "phone someone", "call someone", "speak with someone", "speak to someone", "talk to someone"),
        .. Cues(Intent.TalkToHuman, 1.2, "a person", "agent", "supervisor", "manager", "human being", "staff"),
        .. Cues(Intent.TalkToHuman, 0.8, "speak to", "talk to", "speak with", "talk with", "chat with", "someone", "somebody", "call"),

        // accounts
        .. Cues(Intent.ListAccounts, 1.5, "=my accounts", "=all accounts", "=which accounts", "=what accounts", "=accounts do i have", "=show accounts", "=list accounts", "=all my accounts", "=accounts have i", "=how many accounts", "all my balance", "all balance", "everything i have", "=accounts and balances", "=the accounts", "=accounts i have", "=account overview"),
        .. Cues(Intent.ListAccounts, 0.8, "list", "overview", "all my", "everything"),
        .. Cues(Intent.GetBalance, 1.5, "balance", "money do i have", "how much money", "cash do i have", "overdrawn", "in the red", "enough money", "do i have enough", "how much be in", "how much be left", "how much do i have", "funds available", "available funds", "how much have i get", "what be left", "what do i have", "what be in"),
        .. Cues(Intent.GetBalance, 1.2, "how much", "left in", "owe", "afford"),
        .. Cues(Intent.GetBalance, 0.8, "available", "fund"),
        .. Cues(Intent.GetBalance, 0.3, "in my", "do i have"),
        .. Cues(Intent.AccountDetails, 2.0, "interest rate", "apr", "credit limit", "minimum balance", "overdraft", "when do i open", "account detail", "account information", "term of", "who own", "what type of account", "what kind of account", "joint account", "what rate", "interest"),
        .. Cues(Intent.AccountDetails, 1.2, "rate", "opened", "open date", "detail", "ownership", "joint", "information about", "information on", "tell me about", "type of account", "earn", "fee", "limit"),

        // history
        .. Cues(Intent.RecentTransactions, 1.5, "transaction", "=last transactions", "what do i buy", "what have i buy", "what came out", "what come out", "in and out", "go in and out", "salary", "paycheck", "pay check", "wage", "be pay", "get pay", "come in", "show more", "see more", "next page", "more transactions", "history", "activity", "statement", "happen"),
        .. Cues(Intent.RecentTransactions, 1.0, "recent", "recently", "lately", "latest", "purchase", "charge", "deposit", "withdrawal", "pending", "buy"),
        .. Cues(Intent.RecentTransactions, 0.8, "payment"),
        .. Cues(Intent.SearchTransactions, 1.5, "search", "look for", "look up", "did i pay", "have i pay", "when do i last pay", "be there a payment", "charge by", "charged by", "bill by", "get charge", "any transaction at", "payment to", "charge from", "find"),
        .. Cues(Intent.SearchTransactions, 1.0, "last pay"),
        .. Cues(Intent.SpendingSummary, 1.8, "spend", "spending", "summary", "breakdown", "break down", "by category", "by merchant", "where do my money go", "expense", "outgoing", "go out of", "categorize", "budget", "biggest", "most on"),
        .. Cues(Intent.SpendingSummary, 0.8, "total", "category"),

        // money movement
        .. Cues(Intent.Transfer, 1.5, "transfer", "make a transfer", "move money", "move some money", "pay off", "payment to my", "payment on my", "top up"),
        .. Cues(Intent.Transfer, 1.2, "move", "send", "wire"),
        .. Cues(Intent.Transfer, 0.8, "pay", "shift", "put"),
        .. Cues(Intent.Transfer, 0.3, "from", "into"),
        .. Cues(Intent.ExternalTransfer, 2.0, "routing", "aba", "external", "another bank", "other bank", "different bank", "outside account", "someone else", "beneficiary", "abroad", "international", "another person", "other person", "[bank_account_", "iban", "swift", "pay someone", "send money to someone", "to someone at", "landlord", "friend", "family member", "my mom", "my dad", "my mother", "my father", "my brother", "my sister"),
        .. Cues(Intent.ExternalTransfer, 1.2, "recipient", "wire to", "account number", "at chase", "at wells fargo", "at citi", "at bank of america"),

        // profile and safety
        .. Cues(Intent.KycStatus, 2.0, "kyc", "know your customer", "profile complete", "id check", "identity", "verification", "verify", "verified", "fully set up"),
        .. Cues(Intent.KycStatus, 1.2, "document", "passport", "upload", "still need", "approved", "id", "expired", "set up", "driving licence", "driver license"),
        .. Cues(Intent.ReportFraud, 2.5, "fraud", "fraudulent", "scam", "scammed", "unauthorized", "do not recognize", "not recognize", "did not make", "hack", "hacked", "compromised", "without permission", "without my permission", "never authorize", "not authorize", "phishing", "suspicious", "steal", "not me", "identity theft", "someone use", "someone be use", "use my card", "freeze my", "block my card", "lock my", "lose my card", "lose my wallet", "lost card", "lose my credit card"),
        .. Cues(Intent.ReportFraud, 1.5, "lose", "missing card", "card be missing"),
    ];

    /// <summary>Every cue with its intent and weight, lemmatised once.</summary>
    public static readonly IReadOnlyList<(Intent Intent, string Cue, double Weight)> All =
        [.. Table.Select(t => (t.Intent, t.Cue, t.Weight))];

    /// <summary>Answers that say yes to a pending action.</summary>
    public static readonly string[] ConfirmWords = Prepare(
    [
        "yes", "yeah", "yep", "yup", "sure", "ok", "okay", "confirm", "confirmed", "go ahead", "do it", "please do",
        "proceed", "correct", "that is right", "sounds good", "absolutely", "of course", "affirmative", "approve", "approved",
        "send it", "make it so", "go for it", "yes please", "right", "definitely", "looks good", "look good", "all good",
        "alright", "all right", "fine", "go on", "suspend it", "certainly", "indeed", "agreed", "i agree", "perfect",
    ]);

    /// <summary>Answers that say no to a pending action.</summary>
    public static readonly string[] CancelWords = Prepare(
    [
        "no", "nope", "nah", "cancel", "stop", "never mind", "nevermind", "forget it", "do not", "abort", "scratch that",
        "scrap that", "hold on", "hold off", "wait", "not now", "changed my mind", "change my mind", "decline", "don t",
        "no way", "leave it", "not anymore", "rather not", "reject", "leave my account",
    ]);

    /// <summary>Words that change a detail of the pending request rather than answer it.</summary>
    public static readonly string[] CorrectionWords = Prepare(
    [
        "make it", "make that", "actually", "instead", "i meant", "i mean", "change it", "change the", "change that",
        "not", "sorry", "oops", "rather", "let us do", "should be", "from", "to",
    ]);

    /// <summary>True when <paramref name="cue"/> occurs in the (space-framed) text on word boundaries.</summary>
    public static bool Has(string text, string cue) => text.Contains(cue, StringComparison.Ordinal);

    public static List<string> Matches(string norm, string[] cues) => [.. cues.Where(c => Has(norm, c)).Select(c => c.Trim())];

    public static string? FirstMatch(string norm, string[] cues) => cues.FirstOrDefault(c => Has(norm, c))?.Trim();

    private static IEnumerable<(Intent, string, double)> Cues(Intent intent, double weight, params string[] cues) =>
        cues.Select(c => (intent, Frame(c), weight));

    // A cue is lemmatised like the text; "=" marks a cue about several accounts, kept plural by the lemmatiser.
    private static string Frame(string cue) =>
        cue.StartsWith('[') ? cue : Lexicon.Lemmatize(TextNormalizer.Normalize(cue.TrimStart('=')));

    private static string[] Prepare(string[] words) => [.. words.Select(w => " " + w + " ")];
}
