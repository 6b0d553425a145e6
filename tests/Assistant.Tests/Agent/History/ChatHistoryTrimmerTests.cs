using BankingLlm.Assistant.Agent.History;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Tests.Agent.History;

public sealed class ChatHistoryTrimmerTests
{
    private readonly ChatTokenCounter _counter = new(TokenEncodings.ForModel("gpt-4o"));
    private readonly ChatHistoryTrimmer _trimmer;

    public ChatHistoryTrimmerTests()
    {
        _trimmer = new ChatHistoryTrimmer(_counter);
    }

    [Fact]
    public void History_within_budget_is_returned_whole_as_a_copy()
    {
        var history = HistoryBuilder.Conversation(turns: 3);

        var result = _trimmer.Trim(history, budgetTokens: 100_000);

        Assert.NotSame(history, result.History);
        Assert.Equal(history, result.History);
        Assert.Equal(0, result.DroppedMessages);
        Assert.False(result.RequiredExceedsBudget);
        Assert.Equal(_counter.CountHistory(history), result.TokenCount);
    }

    [Fact]
    public void Oldest_turns_are_dropped_first_and_the_input_is_not_changed()
    {
        var history = HistoryBuilder.Conversation(turns: 20);
        var originalCount = history.Count;
        var full = _counter.CountHistory(history);

        var result = _trimmer.Trim(history, budgetTokens: full / 2);

        Assert.Equal(originalCount, history.Count);
        Assert.True(result.WithinBudget);
        Assert.True(result.DroppedMessages > 0);
        Assert.Equal(_counter.CountHistory(result.History), result.TokenCount);

        var firstUserKept = result.History.First(m => m.Role == AuthorRole.User).Content!;
        Assert.DoesNotContain("Turn 1:", firstUserKept, StringComparison.Ordinal);
        Assert.Contains("Turn 20:", result.History.Last(m => m.Role == AuthorRole.User).Content!, StringComparison.Ordinal);

        // What is kept is a suffix of the turns (plus the system message), in the original order.
        var keptIndices = result.History.Skip(1).Select(m => history.IndexOf(m)).ToList();
        Assert.Equal(Enumerable.Range(keptIndices[0], keptIndices.Count), keptIndices);
    }

    [Fact]
    public void Whole_turns_are_dropped_so_no_kept_turn_lacks_its_user_message()
    {
        var history = HistoryBuilder.Conversation(turns: 12);

        var result = _trimmer.Trim(history, budgetTokens: _counter.CountHistory(history) / 3);

        Assert.Equal(AuthorRole.System, result.History[0].Role);
        Assert.Equal(AuthorRole.User, result.History[1].Role);
    }

    [Fact]
    public void System_messages_are_kept()
    {
        var history = HistoryBuilder.Conversation(turns: 30);
        history.Insert(5, new ChatMessageContent(AuthorRole.System, "Policy update: transfers above 10,000.00 need a second confirmation."));

        var result = _trimmer.Trim(history, budgetTokens: 400);

        var systems = result.History.Where(m => m.Role == AuthorRole.System).ToList();
        Assert.Equal(2, systems.Count);
        Assert.Same(history[0], result.History[0]);
    }

    [Fact]
    public void Function_call_and_its_result_are_kept_or_dropped_together()
    {
        var history = HistoryBuilder.Conversation(turns: 40);

        for (var budget = 200; budget < _counter.CountHistory(history); budget += 97)
        {
            var result = _trimmer.Trim(history, budget);
            AssertCallsAndResultsPaired(result.History);
        }
    }

    [Fact]
    public void Result_without_call_id_stays_with_the_preceding_call()
    {
        var history = new ChatHistory(HistoryBuilder.SystemPrompt);
        history.AddUserMessage("What's my balance?");
        history.Add(new ChatMessageContent(AuthorRole.Assistant, [new FunctionCallContent("get_balance", "accounts")]));
        history.Add(new ChatMessageContent(AuthorRole.Tool, [new FunctionResultContent("get_balance", "accounts", callId: null, result: "1,234.56 USD")]));
        history.AddAssistantMessage("You have 1,234.56 USD.");
        for (var turn = 2; turn < 30; turn++)
        {
            HistoryBuilder.AddToolTurn(history, turn);
        }

        for (var budget = 150; budget < _counter.CountHistory(history); budget += 53)
        {
            var kept = _trimmer.Trim(history, budget).History;
            Assert.Equal(kept.Contains(history[2]), kept.Contains(history[3]));
        }
    }

    [Fact]
    public void A_pending_confirmation_is_kept_with_its_call_and_result()
    {
        var history = HistoryBuilder.Conversation(turns: 30, pendingAtTurn: 2, actionId: "act-7");
        var question = history.Single(HistoryMetadata.IsPendingConfirmation);
        var call = history.Single(m => m.Items.OfType<FunctionCallContent>().Any(c => c.Id == "call_transfer_2"));
        var toolResult = history.Single(m => m.Items.OfType<FunctionResultContent>().Any(r => r.CallId == "call_transfer_2"));
        var askedFor = history[history.IndexOf(call) - 1];

        var result = _trimmer.Trim(history, budgetTokens: 600);

        Assert.True(result.WithinBudget);
        Assert.Contains(question, result.History);
        Assert.Equal("act-7", result.History.Single(HistoryMetadata.IsPendingConfirmation).Metadata![HistoryMetadata.PendingActionId]);
        // The rest of that old turn goes, but not the confirmation; a pending mark on a tool result keeps the call too.
        Assert.DoesNotContain(askedFor, result.History);
        Assert.DoesNotContain(call, result.History);
        AssertCallsAndResultsPaired(result.History);

        HistoryMetadata.MarkPendingConfirmation(toolResult, "act-7");
        var withMarkedResult = _trimmer.Trim(history, budgetTokens: 600);
        Assert.Contains(toolResult, withMarkedResult.History);
        Assert.Contains(call, withMarkedResult.History);
        AssertCallsAndResultsPaired(withMarkedResult.History);
    }

    [Fact]
    public void A_cleared_confirmation_may_be_dropped()
    {
        var history = HistoryBuilder.Conversation(turns: 30, pendingAtTurn: 2);
        var question = history.Single(HistoryMetadata.IsPendingConfirmation);
        HistoryMetadata.ClearPendingConfirmation(question);

        var result = _trimmer.Trim(history, budgetTokens: 600);

        Assert.DoesNotContain(question, result.History);
        Assert.False(question.Metadata!.ContainsKey(HistoryMetadata.PendingActionId));
    }

    [Fact]
    public void Marking_keeps_other_metadata()
    {
        var message = new ChatMessageContent(AuthorRole.Assistant, "Confirm?", metadata: new Dictionary<string, object?> { ["turn_id"] = "t-1" });

        HistoryMetadata.MarkPendingConfirmation(message, "act-1");

        Assert.True(HistoryMetadata.IsPendingConfirmation(message));
        Assert.Equal("t-1", message.Metadata!["turn_id"]);
        Assert.Equal("pending_action_id", HistoryMetadata.PendingActionId);
        Assert.False(HistoryMetadata.IsPendingConfirmation(new ChatMessageContent(AuthorRole.Assistant, "Confirm?")));
    }

    [Fact]
    public void Five_hundred_turns_fit_the_budget_with_the_pending_confirmation_kept()
    {
        var history = HistoryBuilder.Conversation(turns: 500, pendingAtTurn: 37, actionId: "act-500");
        history.AddUserMessage("Yes, go ahead.");
        const int budget = 6000;
        Assert.True(_counter.CountHistory(history) > 5 * budget);

        var result = _trimmer.Trim(history, budget);

        Assert.True(result.WithinBudget, $"{result.TokenCount} > {budget}");
        Assert.False(result.RequiredExceedsBudget);
        Assert.True(result.TokenCount > budget / 2, "trimmed far more than needed");
        Assert.Equal(_counter.CountHistory(result.History), result.TokenCount);
        Assert.Same(history[0], result.History[0]);
        Assert.Same(history[^1], result.History[^1]);
        Assert.Equal("act-500", result.History.Single(HistoryMetadata.IsPendingConfirmation).Metadata![HistoryMetadata.PendingActionId]);
        AssertCallsAndResultsPaired(result.History);
        Assert.Equal(history.Count, result.History.Count + result.DroppedMessages);
    }

    [Fact]
    public void Current_turn_with_its_tool_rounds_is_kept_whole()
    {
        var history = HistoryBuilder.Conversation(turns: 50);
        history.AddUserMessage("And what about savings?");
        history.Add(HistoryBuilder.ToolCall("call_now", "accounts", "get_balance", "[ACCOUNT_2]"));
        history.Add(HistoryBuilder.ToolResult("call_now", "accounts", "get_balance", "{\"available\":\"5000.00\"}"));

        var result = _trimmer.Trim(history, budgetTokens: 300);

        Assert.Equal(history.TakeLast(3), result.History.TakeLast(3));
        Assert.True(result.WithinBudget);
    }

    [Fact]
    public void Budget_smaller_than_system_and_last_user_message_keeps_both_and_says_so()
    {
        var history = HistoryBuilder.Conversation(turns: 10);
        history.AddUserMessage("Please list every transaction of the last year on all my accounts with amounts and merchants.");

        var result = _trimmer.Trim(history, budgetTokens: 10);

        Assert.True(result.RequiredExceedsBudget);
        Assert.False(result.WithinBudget);
        Assert.Equal([history[0], history[^1]], result.History);
        Assert.Equal(history.Count - 2, result.DroppedMessages);
        Assert.Equal(_counter.CountHistory(result.History), result.TokenCount);
    }

    [Fact]
    public void History_without_user_message_keeps_system_and_pending_only_when_tight()
    {
        var history = new ChatHistory(HistoryBuilder.SystemPrompt);
        var greeting = new ChatMessageContent(AuthorRole.Assistant, "Welcome back. How can I help today?");
        history.Add(greeting);

        var result = _trimmer.Trim(history, budgetTokens: 5);

        Assert.Equal([history[0]], result.History);
        Assert.True(result.RequiredExceedsBudget);
    }

    [Fact]
    public void Trimming_is_deterministic()
    {
        var history = HistoryBuilder.Conversation(turns: 120, pendingAtTurn: 60);

        var first = _trimmer.Trim(history, 2500);
        var second = new ChatHistoryTrimmer(new ChatTokenCounter(TokenEncodings.ForModel("gpt-4o"))).Trim(history, 2500);

        Assert.Equal(first.History, second.History);
        Assert.Equal(first.TokenCount, second.TokenCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Non_positive_budget_is_refused(int budget)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _trimmer.Trim(HistoryBuilder.Conversation(1), budget));
    }

    [Fact]
    public void Empty_history_is_returned_empty()
    {
        var result = _trimmer.Trim([], 100);

        Assert.Empty(result.History);
        Assert.Equal(ChatTokenCounter.TokensPerReplyPriming, result.TokenCount);
    }

    private static void AssertCallsAndResultsPaired(ChatHistory history)
    {
        var callIds = history.SelectMany(m => m.Items.OfType<FunctionCallContent>()).Select(c => c.Id).ToHashSet();
        var resultIds = history.SelectMany(m => m.Items.OfType<FunctionResultContent>()).Select(r => r.CallId).ToHashSet();
        Assert.Equal(callIds.Order(), resultIds.Order());
    }
}
