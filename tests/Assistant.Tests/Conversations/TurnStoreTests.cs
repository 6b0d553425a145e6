using BankingLlm.Assistant.Conversations;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Tests.Conversations;

/// <summary>The turn's two batches: what they read, what they write together, and what they refuse.</summary>
public sealed class TurnStoreTests(AssistantFixture app) : IClassFixture<AssistantFixture>
{
    private TurnStore Store => app.Get<TurnStore>();

    private static TurnStore.TurnEnd End(Guid session, Guid customer, string text, ConversationType? type = null, decimal? confidence = null) =>
        new(session, customer, DateTime.UtcNow,
        [
            ChatMessageCodec.ToRow(new ChatMessageContent(AuthorRole.User, text), session, 0, DateTime.UtcNow),
            ChatMessageCodec.ToRow(new ChatMessageContent(AuthorRole.Assistant, "reply to " + text), session, 0, DateTime.UtcNow),
        ])
        {
            ModelUsed = "offline",
            ModelVersion = "test",
            ConversationType = type,
            Confidence = confidence,
            Intent = "GetBalance",
            Tools = ["accounts.get_balance"],
        };

    private async Task<(Guid Customer, Guid Session)> NewSessionAsync()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        var started = await app.Get<ConversationService>().StartSessionAsync(customer.CustomerId, ChatChannel.Web);
        return (customer.CustomerId, started.SessionId);
    }

    [Fact]
    public async Task Turns_are_numbered_in_order_and_the_session_row_keeps_the_more_serious_type()
    {
        var (customer, session) = await NewSessionAsync();

        await Store.SaveAsync(End(session, customer, "one", ConversationType.TransactionRequest, 0.9m), CancellationToken.None);
        await Store.SaveAsync(End(session, customer, "two", ConversationType.AccountInquiry, 0.5m), CancellationToken.None);
        var start = await Store.ReadAsync(customer, session, DateTime.UtcNow, CancellationToken.None);

        await using var db = await app.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        var rows = await db.ChatMessages.Where(m => m.SessionId == session).OrderBy(m => m.Sequence).ToListAsync();
        Assert.Equal([1, 2, 3, 4], rows.Select(m => m.Sequence));
        Assert.Equal(["one", "reply to one", "two", "reply to two"], rows.Select(m => m.MaskedText));
        var row = await db.ChatSessions.SingleAsync(s => s.SessionId == session);
        Assert.Equal(4, row.MessagesCount);
        Assert.Equal(ConversationType.TransactionRequest, row.ConversationType);
        Assert.Equal([0.9m, 0.5m], row.ConfidenceScores!);
        Assert.Contains("\"turns\": 2", row.MessageSummary, StringComparison.Ordinal);
        Assert.NotNull(start);
        Assert.Equal(["one", "reply to one", "two", "reply to two"], start.History.Select(m => m.Content));
    }

    [Fact]
    public async Task Another_customers_session_reads_as_missing()
    {
        var (_, session) = await NewSessionAsync();
        var (stranger, _) = await NewSessionAsync();

        Assert.Null(await Store.ReadAsync(stranger, session, DateTime.UtcNow, CancellationToken.None));
    }

    [Fact]
    public async Task A_turn_of_a_session_that_is_gone_fails_as_not_found_and_writes_nothing()
    {
        var (customer, _) = await NewSessionAsync();
        var missing = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<ConversationException>(() => Store.SaveAsync(End(missing, customer, "hello"), CancellationToken.None));

        Assert.Equal("session_not_found", error.Code);
        await using var db = await app.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        Assert.False(await db.ChatMessages.AnyAsync(m => m.SessionId == missing));
    }
}
