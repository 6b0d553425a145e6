namespace BankingLlm.Benchmarks;

/// <summary>
/// The banking utterances of the voice benchmarks, as a caller says them (the reference transcripts). They were
/// written by hand for the benchmark, not copied from the language model's templates; most are close to what the
/// templates generate (that is the point of a domain model), a few use word orders the templates do not have.
/// </summary>
public static class VoiceUtterances
{
    public static readonly IReadOnlyList<string> All =
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
}
