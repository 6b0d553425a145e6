using BankingLlm.Assistant.Agent;
using BankingLlm.Assistant.Conversations;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Npgsql;

namespace BankingLlm.Assistant.Tests.Conversations;

/// <summary>The stored conversation a turn reads: enough for the token budget and the pending action, no more.</summary>
public sealed class StoredHistoryReaderTests(AssistantFixture app) : IClassFixture<AssistantFixture>
{
    private StoredHistoryReader Reader => app.Get<StoredHistoryReader>();

    private ChatHistoryPreparer Preparer => app.Get<ChatHistoryPreparer>();

    /// <summary>A session with <paramref name="turns"/> stored turns of four messages: question, call, result, answer.</summary>
    private async Task<Guid> SessionWithTurnsAsync(int turns, int? pendingAtTurn = null, Guid? pendingId = null)
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        var session = (await app.Get<ConversationService>().StartSessionAsync(customer.CustomerId, ChatChannel.Web)).SessionId;
        await AppendTurnsAsync(session, 1, turns, pendingAtTurn, pendingId);
        return session;
    }

    /// <summary>Stores turns <paramref name="first"/>..<paramref name="last"/> directly, as another instance would.</summary>
    private async Task AppendTurnsAsync(Guid session, int first, int last, int? pendingAtTurn = null, Guid? pendingId = null)
    {
        await using var db = await app.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var sequence = (first - 1) * 4 + 1;
        for (var turn = first; turn <= last; turn++)
        {
            var callId = $"call_{turn}";
            var result = turn == pendingAtTurn
                ? $"{{\"status\":\"awaiting_confirmation\",\"action_id\":\"{pendingId}\"}}"
                : "{\"transactions\":[" + string.Join(',', Enumerable.Range(1, 8).Select(i => $"{{\"date\":\"2026-11-{i:00}\",\"amount\":\"-{turn}.{i:00}\",\"description\":\"Grocery store purchase number {i}\"}}")) + "]}";
            ChatMessageContent[] messages =
            [
                new(AuthorRole.User, $"Turn {turn}: show my recent transactions please"),
                new(AuthorRole.Assistant, [new FunctionCallContent("get_recent_transactions", "transactions", callId, new KernelArguments { ["account"] = "checking" })]),
                new(AuthorRole.Tool, [new FunctionResultContent("get_recent_transactions", "transactions", callId, result)]),
                new(AuthorRole.Assistant, $"Here are your recent transactions for turn {turn}."),
            ];
            foreach (var message in messages)
            {
                db.ChatMessages.Add(ChatMessageCodec.ToRow(message, session, sequence++, now));
            }
        }
        await db.SaveChangesAsync();
    }

    private async Task<List<ChatMessageContent>> ReadAsync(Guid session, Guid? pendingId = null)
    {
        await using var connection = await app.Get<NpgsqlDataSource>().OpenConnectionAsync();
        return await Reader.ReadAsync(connection, session, pendingId, CancellationToken.None);
    }

    [Fact]
    public async Task A_short_conversation_is_read_whole_in_order()
    {
        var session = await SessionWithTurnsAsync(turns: 3);

        var messages = await ReadAsync(session);

        Assert.Equal(12, messages.Count);
        Assert.StartsWith("Turn 1:", messages[0].Content, StringComparison.Ordinal);
        Assert.Equal("Here are your recent transactions for turn 3.", messages[^1].Content);
    }

    [Fact]
    public async Task A_long_conversation_is_read_back_only_as_far_as_the_token_budget_and_never_from_a_tool_result()
    {
        var session = await SessionWithTurnsAsync(turns: 100);

        var messages = await ReadAsync(session);

        var max = app.Get<IOptions<ConversationOptions>>().Value.MaxHistoryMessages;
        Assert.InRange(messages.Count, 2, max - 1);
        Assert.Equal("Here are your recent transactions for turn 100.", messages[^1].Content);
        // Enough to fill the budget (older messages would be trimmed), and one page less would not have been.
        var newestFirst = Enumerable.Reverse(messages).ToList();
        Assert.True(Preparer.Covers(newestFirst, null));
        var page = app.Get<IOptions<ConversationOptions>>().Value.HistoryPageMessages;
        Assert.False(Preparer.Covers(newestFirst.Take(messages.Count - page).ToList(), null));
        Assert.NotEqual(AuthorRole.Tool, messages[0].Role);
    }

    [Fact]
    public async Task The_pending_action_message_is_read_even_when_it_is_older_than_the_budget_reaches()
    {
        var pendingId = Guid.NewGuid();
        var session = await SessionWithTurnsAsync(turns: 45, pendingAtTurn: 3, pendingId: pendingId);

        var withoutPending = await ReadAsync(session);
        var withPending = await ReadAsync(session, pendingId);

        Assert.DoesNotContain(withoutPending, m => m.Items.OfType<FunctionResultContent>().Any(r => (r.Result as string)?.Contains(pendingId.ToString(), StringComparison.Ordinal) == true));
        var index = withPending.FindIndex(m => m.Items.OfType<FunctionResultContent>().Any(r => (r.Result as string)?.Contains(pendingId.ToString(), StringComparison.Ordinal) == true));
        Assert.True(index > 0, "the pending action's tool result is read");
        Assert.Contains(withPending[index - 1].Items, i => i is FunctionCallContent { Id: "call_3" });
    }

    [Fact]
    public async Task An_action_that_is_nowhere_in_the_conversation_stops_the_read_at_the_message_cap()
    {
        var session = await SessionWithTurnsAsync(turns: 60);

        var messages = await ReadAsync(session, Guid.NewGuid());

        Assert.Equal(app.Get<IOptions<ConversationOptions>>().Value.MaxHistoryMessages, messages.Count);
        Assert.Equal("Here are your recent transactions for turn 60.", messages[^1].Content);
    }

    [Fact]
    public async Task A_read_after_a_cached_one_includes_messages_written_since_and_still_fills_the_budget()
    {
        var session = await SessionWithTurnsAsync(turns: 100);
        var first = await ReadAsync(session);

        await AppendTurnsAsync(session, 101, 103);
        var second = await ReadAsync(session);

        Assert.Equal("Here are your recent transactions for turn 103.", second[^1].Content);
        Assert.StartsWith("Turn 103:", second[^4].Content, StringComparison.Ordinal);
        var newestFirst = Enumerable.Reverse(second).ToList();
        Assert.True(Preparer.Covers(newestFirst, null));
        Assert.False(Preparer.Covers(newestFirst.Take(second.Count - 2).ToList(), null), "no more than the budget needs");
        Assert.NotEqual(AuthorRole.Tool, second[0].Role);
        // The same messages as a read without the cache would give.
        await using var connection = await app.Get<NpgsqlDataSource>().OpenConnectionAsync();
        app.Get<StoredHistoryReader>().Forget(session);
        var uncached = await Reader.ReadAsync(connection, session, null, CancellationToken.None);
        Assert.Equal(uncached.Select(m => m.Content ?? m.Items.Count.ToString()), second.Select(m => m.Content ?? m.Items.Count.ToString()));
        Assert.NotEqual(first[^1].Content, second[^1].Content);
    }

    [Fact]
    public async Task Marking_the_pending_action_for_one_turn_does_not_change_the_stored_message_a_later_turn_reads()
    {
        var pendingId = Guid.NewGuid();
        var session = await SessionWithTurnsAsync(turns: 3, pendingAtTurn: 2, pendingId: pendingId);
        var stored = await ReadAsync(session, pendingId);

        var history = Preparer.Prepare("system", stored, "yes", pendingId);

        Assert.Contains(history, BankingLlm.Assistant.Agent.History.HistoryMetadata.IsPendingConfirmation);
        var again = await ReadAsync(session);
        Assert.DoesNotContain(again, BankingLlm.Assistant.Agent.History.HistoryMetadata.IsPendingConfirmation);
    }
}
