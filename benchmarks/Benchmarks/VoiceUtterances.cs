namespace BankingLlm.Benchmarks;

/// <summary>
/// The banking utterances of the voice benchmarks, as a caller says them (the reference transcripts). They were
/// written by hand for the benchmark, not copied from the language model's templates; most are close to what the
/// templates generate (that is the point of a domain model), a few use word orders the templates do not have.
/// </summary>
public static class VoiceUtterances
{
    /// <summary>The first set (34), on which the decoder settings of docs/voice.md were first measured.</summary>
    public static readonly IReadOnlyList<string> First =
    [
        "what is the balance of my checking account",
        "how much money do i have in savings",
        "what's my balance in everyday",
        "how much do i owe on my credit card",
        "show me my accounts",
        "what accounts do i have",
        "show me my recent transactions",
        "what did i spend last month",
        "how much did i spend on groceries this month",
        "show me charges from amazon last week",
        "find transactions over five hundred dollars",
        "transfer two hundred dollars from checking to savings",
        "move fifty dollars from savings to checking",
        "send one hundred and twenty five dollars to my savings account",
        "please move three hundred dollars from my checking account into savings",
        "yes go ahead",
        "no cancel that",
        "repeat that",
        "can you say that again",
        "what is the interest rate on my savings account",
        "i want to report fraud",
        "there is a charge i don't recognize",
        "i want to talk to a person",
        "what is my verification status",
        "the account ending in four eight two one",
        "my phone number is four one five five five five oh one three two",
        "my social security number is nine oh oh one two three four five six",
        "show me my transactions since march third",
        "send two thousand dollars to john smith at another bank",
        "the routing number is oh two one oh oh oh oh two one",
        "thank you goodbye",
        "what can you do",
        "show my last five transactions on my checking account",
        "how much is in my rainy day account",
    ];

    /// <summary>
    /// A second, held-out set (50), written before the front-end and language-model changes of 2026-11-25 were tuned
    /// and never used to choose templates: other phrasings of the same intents, other amounts, digits and merchants.
    /// </summary>
    public static readonly IReadOnlyList<string> HeldOut =
    [
        "hi what's the balance on my savings account",
        "can you check my checking balance",
        "how much money is left in my everyday account",
        "what's the available balance on my credit card",
        "tell me how much i have in rainy day",
        "list my accounts please",
        "what's the credit limit on my card",
        "when did i open my savings account",
        "show me what i bought yesterday",
        "what were my last ten transactions",
        "did i pay netflix this month",
        "show me all the charges from starbucks in october",
        "how much have i spent on restaurants this year",
        "what did i spend on gas last week",
        "give me my spending by category for last month",
        "find payments to comcast",
        "are there any transactions over a thousand dollars",
        "show me my deposits from last week",
        "move four hundred dollars to savings",
        "transfer seventy five dollars from my everyday account to rainy day",
        "i'd like to move one thousand five hundred dollars from savings to checking",
        "put twenty dollars into my savings",
        "pay three hundred and fifty dollars toward my credit card",
        "send sixty dollars to my brother",
        "i want to send five hundred dollars to maria garcia",
        "their account number is one two three four five six seven eight nine",
        "make it two hundred and fifty dollars instead",
        "yes please do it",
        "no don't do that",
        "yeah that's right",
        "cancel the transfer",
        "am i fully verified",
        "do you need any more documents from me",
        "my card was stolen",
        "i see a charge from uber that i didn't make",
        "someone used my credit card at walmart",
        "can i talk to a real person please",
        "i need a human",
        "my card number is four two four two four two four two four two four two four two four two",
        "my social is one two three four five six seven eight nine",
        "you can reach me at six five oh five five five one two three four",
        "the card ending in four two four two",
        "my checking account ending in seven seven three oh",
        "sorry could you repeat that",
        "what was that",
        "good morning",
        "thanks for your help",
        "that's all for today",
        "what else can you help me with",
        "how do i transfer money",
    ];

    public static readonly IReadOnlyList<string> All = [.. First, .. HeldOut];
}
