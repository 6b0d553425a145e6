using BankingLlm.Assistant.Agent.Offline;

namespace BankingLlm.Assistant.Tests.Agent.Offline;

public sealed class IntentClassifierTests
{
    [Theory]
    [InlineData("How much do I have in checking?", Intent.GetBalance)]
    [InlineData("what's my balance", Intent.GetBalance)]
    [InlineData("balance on savings pls", Intent.GetBalance)]
    [InlineData("how much money is left in my Everyday account", Intent.GetBalance)]
    [InlineData("How much do I owe on my credit card?", Intent.GetBalance)]
    [InlineData("show me my accounts", Intent.ListAccounts)]
    [InlineData("Which accounts do I have with you?", Intent.ListAccounts)]
    [InlineData("what is the interest rate on my savings", Intent.AccountDetails)]
    [InlineData("What's my credit limit?", Intent.AccountDetails)]
    [InlineData("do I have overdraft protection on checking", Intent.AccountDetails)]
    [InlineData("show my recent transactions", Intent.RecentTransactions)]
    [InlineData("What did I buy last week?", Intent.RecentTransactions)]
    [InlineData("checking account activity for the past 30 days", Intent.RecentTransactions)]
    [InlineData("search for payments to Netflix", Intent.SearchTransactions)]
    [InlineData("find the charge from Home Depot", Intent.SearchTransactions)]
    [InlineData("how much did I spend on coffee last month", Intent.SpendingSummary)]
    [InlineData("give me a spending breakdown by category", Intent.SpendingSummary)]
    [InlineData("Move $200 from checking to savings", Intent.Transfer)]
    [InlineData("transfer 50 dollars to my savings", Intent.Transfer)]
    [InlineData("send two hundred bucks from Everyday into Rainy Day", Intent.Transfer)]
    [InlineData("pay off my credit card from checking", Intent.Transfer)]
    [InlineData("send $500 to John at another bank, routing 021000021", Intent.ExternalTransfer)]
    [InlineData("wire 1200 to beneficiary Jane Doe account [BANK_ACCOUNT_1]", Intent.ExternalTransfer)]
    [InlineData("is my KYC done?", Intent.KycStatus)]
    [InlineData("is my profile complete? do you still need documents", Intent.KycStatus)]
    [InlineData("I don't recognize a charge, I think it's fraud", Intent.ReportFraud)]
    [InlineData("my card was stolen", Intent.ReportFraud)]
    [InlineData("someone used my account, unauthorized payment", Intent.ReportFraud)]
    [InlineData("I want to talk to a real person", Intent.TalkToHuman)]
    [InlineData("get me a human agent please", Intent.TalkToHuman)]
    [InlineData("hello there", Intent.Greeting)]
    [InlineData("thanks a lot!", Intent.Thanks)]
    [InlineData("bye", Intent.Goodbye)]
    [InlineData("what can you do?", Intent.Help)]
    [InlineData("what's the weather in Paris", Intent.OutOfScope)]
    [InlineData("tell me a joke", Intent.OutOfScope)]
    [InlineData("purple monkey dishwasher", Intent.Unknown)]
    [InlineData("", Intent.Unknown)]
    public void Classifies_the_many_ways_people_ask(string text, Intent expected) =>
        Assert.Equal(expected, IntentClassifier.Classify(text).Intent);

    [Theory]
    [InlineData("yes, go ahead", Intent.Confirm)]
    [InlineData("Yep do it", Intent.Confirm)]
    [InlineData("confirm", Intent.Confirm)]
    [InlineData("sounds good", Intent.Confirm)]
    [InlineData("no, cancel that", Intent.Cancel)]
    [InlineData("never mind", Intent.Cancel)]
    [InlineData("wait, don't", Intent.Cancel)]
    [InlineData("yes... actually no", Intent.Cancel)]
    public void Answers_to_a_pending_confirmation(string text, Intent expected) =>
        Assert.Equal(expected, IntentClassifier.Classify(text, awaitingConfirmation: true).Intent);

    [Fact]
    public void A_yes_without_anything_pending_is_only_a_weak_confirmation()
    {
        // The planner answers "nothing is waiting"; the hub opens the confirmation gate only with a pending action.
        var result = IntentClassifier.Classify("yes");
        Assert.Equal(Intent.Confirm, result.Intent);
        Assert.True(result.Confidence < 0.9);
    }

    [Fact]
    public void A_new_request_while_a_confirmation_is_pending_is_not_taken_as_yes() =>
        Assert.Equal(Intent.GetBalance, IntentClassifier.Classify("ok what's my balance in savings", awaitingConfirmation: true).Intent);

    [Fact]
    public void The_result_says_which_cues_decided_it()
    {
        var result = IntentClassifier.Classify("show my recent transactions");
        Assert.Contains("transaction", result.Cues);
        Assert.InRange(result.Confidence, 0.5, 0.99);
    }
}
