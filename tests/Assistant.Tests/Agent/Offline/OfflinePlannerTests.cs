using System.Globalization;
using BankingLlm.Assistant.Agent.Offline;
using BankingLlm.Assistant.Agent.Prompts;
using BankingLlm.Assistant.Tests.Transcripts;
using BankingLlm.TestSupport;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Tests.Agent.Offline;

/// <summary>The planner over a masked history: slot filling, corrections, yes/no, ordinals, not understood. No database.</summary>
public sealed class OfflinePlannerTests
{
    private static readonly string[] Nicknames = ["Everyday"];
    private static readonly OfflinePlanner Planner = new(
        new EntityExtractor(new FixedClock(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero))),
        PromptCatalog.Load(Path.Combine(TranscriptServerFixture.RepositoryRoot, "prompts")));

    private static OfflinePlan Plan(ChatHistory history) => Planner.Plan(DialogueState.From(history), Nicknames);

    private static ChatHistory WithPendingTransfer()
    {
        var history = new ChatHistory();
        history.AddUserMessage("move 200 from checking to savings");
        var call = new FunctionCallContent("prepare_transfer", "transfers", "call_1_0",
            new KernelArguments { ["from_account"] = "checking", ["to_account"] = "savings", ["amount"] = 200m });
        history.Add(new ChatMessageContent(AuthorRole.Assistant, [call]));
        history.Add(new ChatMessageContent(AuthorRole.Tool, [new FunctionResultContent(call,
            """{"status":"awaiting_confirmation","action_id":"a-1","summary":"Move $200.00 from checking to savings."}""")]));
        history.AddAssistantMessage("Move $200.00 from checking to savings. Shall I go ahead?");
        return history;
    }

    [Fact]
    public void Slot_filling_takes_the_missing_account_from_the_next_turn()
    {
        var history = new ChatHistory();
        history.AddUserMessage("move 50 bucks to savings");
        history.AddAssistantMessage("From which account should I take the $50.00?");
        history.AddUserMessage("from Everyday");
        var plan = Plan(history);
        var call = Assert.Single(plan.Calls);
        Assert.Equal("prepare_transfer", call.Function);
        Assert.Equal("Everyday", call.Arguments["from_account"]);
        Assert.Equal("savings", call.Arguments["to_account"]);
        Assert.Equal(50m, Convert.ToDecimal(call.Arguments["amount"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_missing_source_account_is_asked_for()
    {
        var history = new ChatHistory();
        history.AddUserMessage("move 200 to savings");
        var plan = Plan(history);
        Assert.Empty(plan.Calls);
        Assert.Contains("which account", plan.DirectReply, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("no, make it 300", 300, "savings")]
    [InlineData("actually make that a hundred and fifty", 150, "savings")]
    [InlineData("no, send it to Everyday instead", 200, "Everyday")]
    public void A_correction_cancels_and_prepares_again(string text, int amount, string to)
    {
        var history = WithPendingTransfer();
        history.AddUserMessage(text);
        var plan = Plan(history);
        Assert.Equal(["cancel_transfer", "prepare_transfer"], plan.Calls.Select(c => c.Function));
        Assert.Equal("a-1", plan.Calls[0].Arguments["action_id"]);
        Assert.Equal(amount, Convert.ToDecimal(plan.Calls[1].Arguments["amount"], CultureInfo.InvariantCulture));
        Assert.Equal(to, plan.Calls[1].Arguments["to_account"]);
    }

    [Theory]
    [InlineData("yes please go ahead", "confirm_transfer")]
    [InlineData("yeah go on then", "confirm_transfer")]
    [InlineData("nah leave it", "cancel_transfer")]
    [InlineData("I changed my mind", "cancel_transfer")]
    public void Yes_and_no_settle_the_pending_transfer(string text, string function)
    {
        var history = WithPendingTransfer();
        history.AddUserMessage(text);
        var call = Assert.Single(Plan(history).Calls);
        Assert.Equal(function, call.Function);
        Assert.Equal("a-1", call.Arguments["action_id"]);
    }

    [Fact]
    public void A_new_question_while_a_transfer_waits_is_answered_and_moves_nothing()
    {
        var history = WithPendingTransfer();
        history.AddUserMessage("ok what's my balance in savings first");
        var call = Assert.Single(Plan(history).Calls);
        Assert.Equal("get_balance", call.Function);
    }

    [Fact]
    public void An_ordinal_account_is_resolved_with_the_account_list()
    {
        var history = new ChatHistory();
        history.AddUserMessage("what is the balance of my second account");
        var first = Assert.Single(Plan(history).Calls);
        Assert.Equal("list_accounts", first.Function);

        var call = new FunctionCallContent("list_accounts", "accounts", "call_1_0", []);
        history.Add(new ChatMessageContent(AuthorRole.Assistant, [call]));
        history.Add(new ChatMessageContent(AuthorRole.Tool, [new FunctionResultContent(call,
            """{"accounts":[{"type":"checking","last_four":"1111"},{"type":"savings","last_four":"2222"}]}""")]));
        var plan = Plan(history);
        Assert.Equal(["list_accounts", "get_balance"], plan.Calls.Select(c => c.Function));
        Assert.Equal("ending 2222", plan.Calls[1].Arguments["account"]);
    }

    [Theory]
    [InlineData("purple monkey dishwasher")]
    [InlineData("the blue one")]
    public void What_it_does_not_understand_it_says_plainly_and_calls_nothing(string text)
    {
        var history = new ChatHistory();
        history.AddUserMessage(text);
        var plan = Plan(history);
        Assert.Empty(plan.Calls);
        Assert.Contains("didn't understand", plan.DirectReply, StringComparison.Ordinal);
    }

    [Fact]
    public void Free_text_arguments_carry_no_placeholders()
    {
        var history = new ChatHistory();
        history.AddUserMessage("I want to talk to a person, call me on [PHONE_1]");
        var call = Assert.Single(Plan(history).Calls);
        Assert.Equal("escalate_to_human", call.Function);
        Assert.DoesNotContain("[PHONE_1]", (string)call.Arguments["reason"]!, StringComparison.Ordinal);
    }
}
