using System.Text.RegularExpressions;

namespace BankingLlm.Assistant.Voice.Offline;

/// <summary>
/// The sentences the domain language model is trained on: what callers say to this assistant, generated from
/// templates over its intents (balances, accounts, transactions, spending, transfers, external payments, KYC, fraud,
/// a person, confirmations, "repeat that") with slots filled from its vocabulary (account types and nicknames,
/// amounts in words, dates and months, merchants, digit strings for account endings and the PII callers read out).
/// Deterministic for a seed, so the model files can be cached by content.
/// </summary>
public static partial class DomainCorpus
{
    /// <summary>Bump when the templates change, so cached model files are rebuilt.</summary>
    public const int Version = 1;

    private static readonly string[] Templates =
    [
        // balances and accounts
        "{q_balance} {account_ref}", "{q_balance} {account_ref} {please}", "{polite} {q_balance} {account_ref}",
        "how much money do i have", "how much money do i have in {account_ref}", "how much is in {account_ref}",
        "what is my balance", "what's my balance", "balance", "{account} balance", "my {account} balance {please}",
        "how much do i have left in {account_ref}", "what is the available balance on {account_ref}",
        "how much do i owe on my credit card", "what is my credit card balance",
        "show me my accounts", "what accounts do i have", "list all my accounts", "which accounts do i have",
        "give me an overview of my accounts", "{polite} show me all my accounts",
        "what is the interest rate on {account_ref}", "what is the credit limit on my credit card",
        "tell me about {account_ref}", "what are the details of {account_ref}", "when was {account_ref} opened",
        "is there a minimum balance on {account_ref}", "what is the overdraft limit on {account_ref}",
        // transactions
        "{q_transactions}", "{q_transactions} {period}", "{q_transactions} on {account_ref}", "{q_transactions} on {account_ref} {period}",
        "show me my last {count} transactions", "what are my last {count} transactions on {account_ref}",
        "did i pay {merchant} {period}", "find the charge from {merchant}", "search for payments to {merchant}",
        "show me charges from {merchant} {period}", "find transactions over {amount}", "any transactions more than {amount} {period}",
        "show me transactions between {date} and {date}", "what did i spend at {merchant} {period}",
        "show more", "show me more", "what are my pending transactions",
        // spending
        "how much did i spend {period}", "what did i spend {period}", "show me my spending {period}",
        "give me a spending summary {period}", "break down my spending by category {period}",
        "how much did i spend on {category} {period}", "where does my money go", "what is my total spending {period}",
        // internal transfers
        "{move} {amount} from {account_ref} to {account_ref}", "{move} {amount} to {account_ref}",
        "{move} {amount} from {account_ref} into {account_ref}", "{polite} {move} {amount} from {account_ref} to {account_ref}",
        "i want to {move} {amount} from {account_ref} to {account_ref}", "i'd like to {move} {amount} to {account_ref}",
        "{move} money from {account_ref} to {account_ref}", "pay {amount} toward my credit card", "pay off my credit card",
        "make it {amount}", "make that {amount}", "from {account_ref}", "to {account_ref}", "{amount}", "from my {account}",
        // external transfers
        "send {amount} to {name} at another bank", "{move} {amount} to {name}", "pay {name} {amount}",
        "wire {amount} to {name}", "i want to send money to someone at another bank",
        "the routing number is {digits9}", "routing number {digits9}", "their account number is {digits_long}",
        "account number {digits_long}", "the recipient is {name}", "their name is {name}",
        // verification, fraud, people
        "what is my verification status", "am i verified", "is my identity verified", "what is my kyc status",
        "do you still need any documents from me", "is my profile complete",
        "i want to report fraud", "i think my card was stolen", "there is a charge i don't recognize",
        "i didn't make this purchase", "someone used my card", "i lost my card", "there is a suspicious charge from {merchant}",
        "i think i was scammed", "my account was hacked", "{fraud_charge}",
        "i want to talk to a person", "can i speak to a real person", "connect me to an agent", "let me talk to a human",
        "i need to speak to a representative", "get me a supervisor", "customer service {please}",
        // personal data read out (the guard masks it)
        "my social security number is {digits_ssn}", "my social is {digits_ssn}", "my phone number is {digits_phone}",
        "you can call me at {digits_phone}", "my card number is {digits_card}", "my credit card number is {digits_card}",
        "the card ending in {last4}", "the account ending in {last4}", "{account} ending in {last4}",
        // dialogue
        "{yes}", "{no}", "{greeting}", "{greeting} {q_balance} {account_ref}", "{thanks}", "{bye}", "{repeat}",
        "what can you do", "help", "what can i ask", "how does this work", "i need help with my account",
        "nothing else", "that is all", "that's all thanks", "no that's it", "yes {please}", "yes go ahead",
        "no cancel that", "cancel", "never mind", "wait", "hold on", "forget it", "i changed my mind",
    ];

    private static readonly Dictionary<string, string[]> Slots = new(StringComparer.Ordinal)
    {
        ["q_balance"] = ["what is the balance of", "what's the balance of", "what is the balance on", "what's the balance on",
            "what is the balance in", "how much is in", "how much money is in", "tell me the balance of", "check the balance of",
            "what is my balance on", "how much do i have in", "can you tell me the balance of", "what's my balance in"],
        ["q_transactions"] = ["show me my transactions", "show my recent transactions", "what are my recent transactions",
            "show me my account activity", "what did i buy", "show me my history", "show my latest transactions",
            "list my transactions", "what are my latest purchases", "show me my deposits", "show me my withdrawals",
            "show my statement", "what are my recent payments", "show my recent charges"],
        ["account_ref"] = ["my checking account", "my savings account", "checking", "savings", "my checking", "my savings",
            "the checking account", "the savings account", "my credit card", "the credit card", "my money market account",
            "my loan", "my investment account", "everyday", "my everyday account", "rainy day", "my rainy day account",
            "the account ending in {last4}", "my checking account ending in {last4}", "my savings account ending in {last4}"],
        ["account"] = ["checking", "savings", "credit card", "money market", "loan", "investment", "everyday", "rainy day"],
        ["move"] = ["transfer", "move", "send", "put", "shift"],
        ["amount"] = ["{money}"],
        ["period"] = ["last week", "this week", "last month", "this month", "yesterday", "today", "this year", "last year",
            "in the last {count} days", "in the last {count} weeks", "since {date}", "in {month}", "for {month}", "from {date} to {date}",
            "over the last month", "over the past {count} days"],
        ["date"] = ["{month} {ordinal}", "{month} {day_number}", "the {ordinal} of {month}", "{month} {ordinal} {year}", "monday", "friday"],
        ["month"] = [.. SpokenNumbers.MonthNames],
        ["year"] = ["twenty twenty five", "twenty twenty six", "two thousand twenty five", "two thousand twenty six"],
        ["merchant"] = ["amazon", "netflix", "spotify", "uber", "lyft", "target", "costco", "home depot", "starbucks", "shell",
            "chevron", "whole foods", "trader joe's", "chipotle", "comcast", "marriott", "delta", "walmart", "apple", "c v s"],
        ["category"] = ["groceries", "restaurants", "dining", "travel", "gas", "shopping", "entertainment", "utilities", "subscriptions", "transportation"],
        ["name"] = ["john smith", "maria garcia", "james johnson", "sarah lee", "david brown", "emily davis", "michael wilson",
            "jennifer martinez", "robert taylor", "linda anderson", "my landlord", "my mom", "my brother"],
        ["polite"] = ["please", "can you", "could you", "could you please", "i want to", "i'd like to", "i would like to", "hi", "hello", "okay"],
        ["please"] = ["please", "for me", "right now", "please thanks"],
        ["yes"] = ["yes", "yeah", "yep", "yes please", "yes go ahead", "go ahead", "sure", "okay", "ok", "confirm", "do it",
            "please do", "that's right", "correct", "sounds good", "yes do it", "go for it", "yes confirm", "absolutely", "yes that's correct"],
        ["no"] = ["no", "nope", "no thanks", "cancel", "cancel it", "no cancel that", "don't do it", "stop", "never mind", "no wait", "not now"],
        ["greeting"] = ["hi", "hello", "hey", "good morning", "good afternoon", "good evening", "hi there", "hello there"],
        ["thanks"] = ["thanks", "thank you", "thank you very much", "thanks a lot", "great thanks", "thanks for your help", "i appreciate it"],
        ["bye"] = ["bye", "goodbye", "bye bye", "that's all goodbye", "have a good day", "see you", "i'm done"],
        ["repeat"] = ["repeat that", "can you repeat that", "could you repeat that", "please repeat that", "say that again",
            "can you say that again", "what did you say", "sorry what was that", "come again", "repeat please", "pardon"],
        ["fraud_charge"] = ["i don't recognize a charge from {merchant}", "there is a fraudulent charge of {amount} from {merchant}",
            "someone charged {amount} to my card at {merchant}", "i did not make a purchase at {merchant}"],
        ["count"] = ["two", "three", "five", "seven", "ten", "fifteen", "twenty", "thirty", "sixty", "ninety"],
    };

    /// <summary>All sentences: each template expanded <paramref name="perTemplate"/> times with random slot fillers.</summary>
    public static IEnumerable<string> Sentences(int perTemplate = 40, int seed = 20261125)
    {
        var random = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var template in Templates)
        {
            // Templates without slots have one sentence; with slots, as many distinct fillings as come up.
            var attempts = SlotPattern().IsMatch(template) ? perTemplate : 1;
            for (var i = 0; i < attempts; i++)
            {
                var sentence = Expand(template, random, 0);
                if (seen.Add(sentence))
                {
                    yield return sentence;
                }
            }
        }
        // Every amount and ordinal form once, so no number word depends on the luck of the draw.
        foreach (var n in new long[] { 1, 2, 5, 10, 12, 15, 20, 25, 40, 45, 50, 60, 75, 80, 99, 100, 120, 150, 200, 250, 300, 400, 500, 600, 700, 750, 800, 900, 1000, 1200, 1500, 2000, 2500, 3000, 5000, 7500, 10000, 15000, 20000 })
        {
            yield return SpokenNumbers.Money(n);
            yield return "move " + SpokenNumbers.Money(n) + " to savings";
        }
        for (var d = 1; d <= 31; d++)
        {
            yield return "since " + SpokenNumbers.MonthNames[d % 12] + " " + SpokenNumbers.Ordinal(d);
        }
    }

    /// <summary>Words of a sentence as the recogniser's dictionary spells them.</summary>
    public static IReadOnlyList<string> Words(string sentence) => sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Expand(string template, Random random, int depth) =>
        depth > 4 ? template : SlotPattern().Replace(template, m => Expand(Fill(m.Groups[1].Value, random), random, depth + 1));

    private static string Fill(string slot, Random random) => slot switch
    {
        "money" => Money(random),
        "last4" => Digits(random, 4),
        "digits9" => Digits(random, 9),
        "digits_long" => Digits(random, random.Next(8, 13)),
        "digits_ssn" => Digits(random, 9),
        "digits_phone" => Digits(random, 10),
        "digits_card" => Digits(random, 16),
        "ordinal" => SpokenNumbers.Ordinal(random.Next(1, 32)),
        "day_number" => SpokenNumbers.Cardinal(random.Next(1, 32)),
        _ => Slots.TryGetValue(slot, out var fillers) ? fillers[random.Next(fillers.Length)] : throw new InvalidOperationException($"Unknown slot {{{slot}}}."),
    };

    /// <summary>Amounts as callers say them: "fifty dollars", "two hundred and fifty dollars", "twelve dollars and fifty cents", "a hundred bucks".</summary>
    private static string Money(Random random)
    {
        long dollars = random.Next(4) switch
        {
            0 => random.Next(1, 100),
            1 => random.Next(1, 20) * 50,
            2 => random.Next(1, 10) * 100,
            _ => random.Next(1, 10_000),
        };
        var words = SpokenNumbers.Cardinal(dollars);
        if (random.Next(3) == 0 && words.Contains("hundred ", StringComparison.Ordinal))
        {
            words = words.Replace("hundred ", "hundred and ", StringComparison.Ordinal);     // espeak-ng and many callers say "and"
        }
        if (random.Next(6) == 0 && words.StartsWith("one hundred", StringComparison.Ordinal))
        {
            words = "a" + words[3..];
        }
        var unit = random.Next(8) == 0 ? "bucks" : dollars == 1 ? "dollar" : "dollars";
        var text = words + " " + unit;
        if (random.Next(5) == 0)
        {
            text += " and " + SpokenNumbers.Cardinal(random.Next(1, 100)) + " cents";
        }
        return text;
    }

    private static string Digits(Random random, int length)
    {
        var digits = new char[length];
        for (var i = 0; i < length; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }
        var words = SpokenNumbers.Digits(new string(digits));
        return random.Next(3) == 0 ? words.Replace("zero", "oh", StringComparison.Ordinal) : words;
    }

    [GeneratedRegex(@"\{([a-z_0-9]+)\}")]
    private static partial Regex SlotPattern();
}
