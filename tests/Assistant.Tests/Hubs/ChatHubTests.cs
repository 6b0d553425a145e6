using BankingLlm.TestSupport;
using BankingLlm.Assistant.Hubs;
using BankingLlm.Assistant.Security;
using BankingLlm.Data.Entities;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Assistant.Tests.Hubs;

/// <summary>The hub contract of HUB.md with the real SignalR .NET client against the app on loopback.</summary>
public sealed class ChatHubTests(HubFixture app) : IClassFixture<HubFixture>
{
    private static async Task<(List<ChatChunk> Deltas, ChatChunk Final)> ReadAsync(IAsyncEnumerable<ChatChunk> stream)
    {
        var deltas = new List<ChatChunk>();
        ChatChunk? final = null;
        await foreach (var chunk in stream)
        {
            if (chunk.Kind == "delta")
            {
                Assert.Null(final);
                deltas.Add(chunk);
            }
            else
            {
                final = chunk;
            }
        }
        return (deltas, final ?? throw new InvalidOperationException("no final chunk"));
    }

    private static Task<(List<ChatChunk> Deltas, ChatChunk Final)> SendAsync(HubConnection hub, Guid session, string text) =>
        ReadAsync(hub.StreamAsync<ChatChunk>("SendMessage", session, text));

    [Fact]
    public async Task A_full_conversation_streams_replies_and_moves_money_after_confirmation()
    {
        var (customer, checking, savings) = await app.NewCustomerAsync();
        await using var hub = app.Connect(app.TokenFor(customer));
        await hub.StartAsync();
        var session = await hub.InvokeAsync<StartSessionResponse>("StartSession", new StartSessionRequest("web", "iPhone", "en"));

        var balance = await SendAsync(hub, session.SessionId, "what's my checking balance?");
        Assert.NotEmpty(balance.Deltas);
        Assert.Equal(balance.Final.Text, string.Concat(balance.Deltas.Select(d => d.Text)));
        Assert.Equal(["accounts.get_balance"], balance.Final.Tools);
        Assert.Contains("1,250.00", balance.Final.Text, StringComparison.Ordinal);

        var history = await SendAsync(hub, session.SessionId, "show my transactions from last week");
        Assert.Contains("transactions.get_recent_transactions", history.Final.Tools!);

        var prepare = await SendAsync(hub, session.SessionId, "move 300 from checking to savings");
        var pending = Assert.IsType<PendingActionDto>(prepare.Final.PendingAction);
        Assert.Contains("$300.00", pending.Summary, StringComparison.Ordinal);

        var confirm = await ReadAsync(hub.StreamAsync<ChatChunk>("ConfirmAction", session.SessionId, pending.ActionId));
        Assert.Equal(["transfers.confirm_transfer"], confirm.Final.Tools);
        Assert.Null(confirm.Final.PendingAction);
        Assert.Equal(950m, await app.QueryAsync(db => db.Accounts.Where(a => a.AccountId == checking).Select(a => a.Balance).SingleAsync()));
        Assert.Equal(5300m, await app.QueryAsync(db => db.Accounts.Where(a => a.AccountId == savings).Select(a => a.Balance).SingleAsync()));

        var ended = await hub.InvokeAsync<EndSessionResponse>("EndSession", session.SessionId, "resolved");
        Assert.Equal(session.SessionId, ended.SessionId);
        var row = await app.QueryAsync(db => db.ChatSessions.SingleAsync(s => s.SessionId == session.SessionId));
        Assert.Equal(SessionStatus.Completed, row.SessionStatus);
        Assert.Equal(ResolutionType.Resolved, row.ResolutionType);
        Assert.Equal(ChatChannel.Web, row.Channel);
        Assert.Equal("iPhone", row.DeviceType);
        Assert.Equal(8, row.MessagesCount);
    }

    [Fact]
    public async Task A_client_that_reconnects_continues_its_conversation()
    {
        var (customer, checking, _) = await app.NewCustomerAsync();
        Guid session;
        await using (var first = app.Connect(app.TokenFor(customer)))
        {
            await first.StartAsync();
            session = (await first.InvokeAsync<StartSessionResponse>("StartSession", new StartSessionRequest("mobile"))).SessionId;
            var prepare = await SendAsync(first, session, "transfer $25 from Everyday to savings");
            Assert.NotNull(prepare.Final.PendingAction);
        }
        await using var second = app.Connect(app.TokenFor(customer));
        await second.StartAsync();
        var yes = await SendAsync(second, session, "yes please");
        Assert.Equal(["transfers.confirm_transfer"], yes.Final.Tools);
        Assert.Equal(1225m, await app.QueryAsync(db => db.Accounts.Where(a => a.AccountId == checking).Select(a => a.Balance).SingleAsync()));
    }

    [Fact]
    public async Task Two_customers_cannot_reach_each_others_sessions()
    {
        var (alice, _, _) = await app.NewCustomerAsync();
        var (bob, _, _) = await app.NewCustomerAsync();
        await using var a = app.Connect(app.TokenFor(alice));
        await using var b = app.Connect(app.TokenFor(bob));
        await a.StartAsync();
        await b.StartAsync();
        var session = (await a.InvokeAsync<StartSessionResponse>("StartSession", new StartSessionRequest("web"))).SessionId;

        var ex = await Assert.ThrowsAsync<HubException>(() => SendAsync(b, session, "what's my balance"));
        Assert.Equal("session_not_found", HubErrors.CodeOf(ex.Message));
        var end = await Assert.ThrowsAsync<HubException>(() => b.InvokeAsync<EndSessionResponse>("EndSession", session, null));
        Assert.Equal("session_not_found", HubErrors.CodeOf(end.Message));
        Assert.Equal(0, await app.QueryAsync(db => db.ChatMessages.CountAsync(m => m.SessionId == session)));
    }

    [Fact]
    public async Task An_expired_or_missing_token_cannot_connect()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        await using var expired = app.Connect(await ExpiredTokenAsync(customer));
        await Assert.ThrowsAsync<HttpRequestException>(() => expired.StartAsync());
        await using var anonymous = app.Connect();
        await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
    }

    [Fact]
    public async Task Api_keys_act_for_a_customer_only_when_active_and_in_scope()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        var good = await app.CreateApiKeyAsync([AssistantClaims.ActForCustomerScope]);
        await using (var ok = app.Connect(apiKey: good, actFor: customer))
        {
            await ok.StartAsync();
            var session = await ok.InvokeAsync<StartSessionResponse>("StartSession", new StartSessionRequest("voice"));
            var reply = await SendAsync(ok, session.SessionId, "what is my savings balance");
            Assert.Equal(["accounts.get_balance"], reply.Final.Tools);
        }
        Assert.Equal(2, await app.QueryAsync(db => db.ApiKeys.Where(k => k.KeyHash == ApiKeyFormat.Hash(good)).Select(k => k.TotalRequests).SingleAsync()));

        var revoked = await app.CreateApiKeyAsync([AssistantClaims.ActForCustomerScope], status: ApiKeyStatus.Revoked);
        await using var r = app.Connect(apiKey: revoked, actFor: customer);
        await Assert.ThrowsAsync<HttpRequestException>(() => r.StartAsync());

        var outOfScope = await app.CreateApiKeyAsync(["read:account"]);
        await using var s = app.Connect(apiKey: outOfScope, actFor: customer);
        await Assert.ThrowsAsync<HttpRequestException>(() => s.StartAsync());

        await using var garbage = app.Connect(apiKey: "not-a-key", actFor: customer);
        await Assert.ThrowsAsync<HttpRequestException>(() => garbage.StartAsync());
    }

    [Fact]
    public async Task A_key_over_its_rate_limit_is_refused_and_nothing_runs()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        var key = await app.CreateApiKeyAsync([AssistantClaims.ActForCustomerScope], perMinute: 3);
        await using var hub = app.Connect(apiKey: key, actFor: customer);
        await hub.StartAsync();
        var session = await hub.InvokeAsync<StartSessionResponse>("StartSession", new StartSessionRequest("api"));
        await SendAsync(hub, session.SessionId, "hello");
        await SendAsync(hub, session.SessionId, "thanks");
        var ex = await Assert.ThrowsAsync<HubException>(() => SendAsync(hub, session.SessionId, "what's my balance"));
        Assert.Equal("rate_limited", HubErrors.CodeOf(ex.Message));
        Assert.Equal(4, await app.QueryAsync(db => db.ChatMessages.CountAsync(m => m.SessionId == session.SessionId)));
    }

    [Fact]
    public async Task An_oversized_empty_or_malformed_call_gets_a_clear_error_and_loses_nothing()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        await using var hub = app.Connect(app.TokenFor(customer));
        await hub.StartAsync();
        var session = (await hub.InvokeAsync<StartSessionResponse>("StartSession", new StartSessionRequest("web"))).SessionId;

        var big = await Assert.ThrowsAsync<HubException>(() => SendAsync(hub, session, new string('a', 4001)));
        Assert.Equal("message_too_large", HubErrors.CodeOf(big.Message));
        var empty = await Assert.ThrowsAsync<HubException>(() => SendAsync(hub, session, "  "));
        Assert.Equal("invalid_argument", HubErrors.CodeOf(empty.Message));
        var channel = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<StartSessionResponse>("StartSession", new StartSessionRequest("fax")));
        Assert.Equal("invalid_argument", HubErrors.CodeOf(channel.Message));
        var unknownSession = await Assert.ThrowsAsync<HubException>(() => SendAsync(hub, Guid.NewGuid(), "hi"));
        Assert.Equal("session_not_found", HubErrors.CodeOf(unknownSession.Message));
        var unknownAction = await Assert.ThrowsAsync<HubException>(() => ReadAsync(hub.StreamAsync<ChatChunk>("ConfirmAction", session, Guid.NewGuid())));
        Assert.Equal("invalid_argument", HubErrors.CodeOf(unknownAction.Message));
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<object>("NoSuchMethod"));
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<object>("EndSession", "not-a-guid", null));

        Assert.Equal(0, await app.QueryAsync(db => db.ChatMessages.CountAsync(m => m.SessionId == session)));
        // The connection is still usable after every error.
        var ok = await SendAsync(hub, session, "hello");
        Assert.Empty(ok.Final.Tools!);
        Assert.DoesNotContain(new[] { big.Message, empty.Message, unknownSession.Message }, m => m.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_terminal_chat_verb_talks_to_the_hub_and_confirms_a_transfer()
    {
        var (customer, checking, _) = await app.NewCustomerAsync();
        using var cli = new Cli.AssistantProcess();
        var (code, stdout, stderr) = await cli.RunWithInputAsync(TimeSpan.FromSeconds(120),
            "what's my checking balance?\nmove 100 from checking to savings\n/confirm\n/quit\n",
            "chat", "--server", app.BaseAddress.ToString(), "--token", app.TokenFor(customer));
        Assert.True(code == 0, stderr);
        Assert.Contains("1,250.00", stdout, StringComparison.Ordinal);
        Assert.Contains("(pending:", stdout, StringComparison.Ordinal);
        Assert.Equal(1150m, await app.QueryAsync(db => db.Accounts.Where(a => a.AccountId == checking).Select(a => a.Balance).SingleAsync()));
    }

    private async Task<string> ExpiredTokenAsync(Guid customer)
    {
        var past = new FixedClock(DateTimeOffset.UtcNow.AddHours(-2));
        var key = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Convert.FromBase64String(app.SigningKey));
        await Task.CompletedTask;
        return new CustomerTokenIssuer(new AuthOptions(), key, past).Issue(customer, TimeSpan.FromMinutes(5));
    }
}
