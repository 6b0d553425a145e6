using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using BankingLlm.Assistant.Conversations;
using BankingLlm.Assistant.Hubs;
using BankingLlm.Data.Entities;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Assistant.Tests.Hubs;

/// <summary>The human handoff on /hubs/staff with real SignalR .NET clients against the app on loopback.</summary>
public sealed class StaffHubTests(HubFixture app) : IClassFixture<HubFixture>
{
    // Only a guard against a hang: every wait ends as soon as the awaited message arrives.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private static async Task<T> NextAsync<T>(Channel<T> channel)
    {
        using var cts = new CancellationTokenSource(Patience);
        return await channel.Reader.ReadAsync(cts.Token);
    }

    private static async Task<ChatChunk> FinalAsync(HubConnection hub, Guid session, string text)
    {
        ChatChunk? final = null;
        await foreach (var chunk in hub.StreamAsync<ChatChunk>("SendMessage", session, text))
        {
            if (chunk.Kind == "final")
            {
                final = chunk;
            }
        }
        return final ?? throw new InvalidOperationException("no final chunk");
    }

    /// <summary>A customer connected to /hubs/chat whose session the assistant escalated.</summary>
    private async Task<(HubConnection Hub, Guid Customer, Guid Session)> EscalatedCustomerAsync()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        var hub = app.Connect(app.TokenFor(customer));
        await hub.StartAsync();
        var session = (await hub.InvokeAsync<StartSessionResponse>("StartSession", new StartSessionRequest("web"))).SessionId;
        var escalated = await FinalAsync(hub, session, "I want to talk to a real person please");
        Assert.Contains("support.escalate_to_human", escalated.Tools!);
        return (hub, customer, session);
    }

    [Fact]
    public async Task Staff_list_join_and_talk_with_the_customer_both_ways_stored_masked_then_hand_back()
    {
        var (customerHub, customer, session) = await EscalatedCustomerAsync();
        await using var _ = customerHub;
        var staffMessages = customerHub.Collect2(nameof(IChatClient.StaffMessage));
        var handoffs = customerHub.Collect2(nameof(IChatClient.Handoff));

        var agent = await app.CreateStaffAsync(StaffRole.Agent);
        await using var staff = app.ConnectStaff(app.StaffTokenFor(agent));
        var fromCustomer = staff.Collect<CustomerMessageDto>(nameof(IStaffClient.CustomerMessage));
        await staff.StartAsync();

        var queue = await staff.InvokeAsync<List<EscalatedSession>>("ListEscalatedSessions");
        var listed = Assert.Single(queue, s => s.SessionId == session);
        Assert.Null(listed.HandledByUserId);
        Assert.Equal("web", listed.Channel);

        var joined = await staff.InvokeAsync<JoinSessionResponse>("JoinSession", session);
        Assert.Contains(joined.History, m => m.Role == "user" && m.Text == "I want to talk to a real person please");
        Assert.Contains(joined.History, m => m.Role == "assistant");
        Assert.Equal((session, HandoffStates.StaffJoined), await NextAsync(handoffs));
        Assert.Equal(agent.UserId, (await app.QueryAsync(db => db.ChatSessions.SingleAsync(s => s.SessionId == session))).HandledByUserId);
        var audit = await app.QueryAsync(db => db.AuditLogs.SingleAsync(a => a.SessionId == session && a.UserId == agent.UserId));
        Assert.Contains("staff_joined", audit.ChangesSummary, StringComparison.Ordinal);
        Assert.Equal(customer, audit.CustomerId);

        // Customer -> staff: the model is not called, the staff member sees the guard's display mask.
        var routed = await FinalAsync(customerHub, session, "my social is 123-45-6789, can you check my profile?");
        Assert.True(routed.RoutedToStaff);
        Assert.Equal("", routed.Text);
        Assert.Empty(routed.Tools!);
        var seen = await NextAsync(fromCustomer);
        Assert.Equal(session, seen.SessionId);
        Assert.Equal("my social is ***-**-6789, can you check my profile?", seen.Text);

        // Staff -> customer: guarded too; the customer sees the masked text.
        var sent = await staff.InvokeAsync<StaffMessageSent>("SendToCustomer", session, "Thanks. I will call you back on 415-555-0199 today.");
        Assert.Equal("Thanks. I will call you back on ***-***-0199 today.", sent.Text);
        Assert.Equal((session, sent.Text), await NextAsync(staffMessages));

        var stored = await app.QueryAsync(db => db.ChatMessages.Where(m => m.SessionId == session).OrderBy(m => m.Sequence).ToListAsync());
        var userRow = Assert.Single(stored, m => m.Sequence == seen.Sequence);
        Assert.Equal(ChatMessageRole.User, userRow.Role);
        Assert.Equal("my social is [SSN_1], can you check my profile?", userRow.MaskedText);
        var staffRow = Assert.Single(stored, m => m.Role == ChatMessageRole.Staff);
        Assert.Equal(sent.Sequence, staffRow.Sequence);
        Assert.DoesNotContain("555-0199", staffRow.MaskedText, StringComparison.Ordinal);
        Assert.DoesNotContain(stored, m => m.MaskedText.Contains("123-45-6789", StringComparison.Ordinal) || (m.ToolCalls ?? "").Contains("123-45-6789", StringComparison.Ordinal));

        // A staff member re-joining sees the conversation so far, masked.
        var again = await staff.InvokeAsync<JoinSessionResponse>("JoinSession", session);
        Assert.Contains(again.History, m => m.Role == "staff" && m.Text == sent.Text);
        Assert.Contains(again.History, m => m.Role == "user" && m.Text == seen.Text);
        Assert.DoesNotContain(again.History, m => m.Text.Contains("6789", StringComparison.Ordinal) && !m.Text.Contains("***-**-6789", StringComparison.Ordinal));

        // Hand back: the assistant answers again and the session leaves the queue.
        Assert.True(await staff.InvokeAsync<bool>("LeaveSession", session, false));
        Assert.Equal((session, HandoffStates.Assistant), await NextAsync(handoffs));
        var row = await app.QueryAsync(db => db.ChatSessions.SingleAsync(s => s.SessionId == session));
        Assert.Null(row.HandledByUserId);
        Assert.Null(row.ResolutionType);
        Assert.DoesNotContain(await staff.InvokeAsync<List<EscalatedSession>>("ListEscalatedSessions"), s => s.SessionId == session);
        var balance = await FinalAsync(customerHub, session, "what's my checking balance?");
        Assert.Null(balance.RoutedToStaff);
        Assert.Equal(["accounts.get_balance"], balance.Tools);
        Assert.Equal(2, await app.QueryAsync(db => db.AuditLogs.CountAsync(a => a.SessionId == session && a.UserId == agent.UserId)));
        // Escalation turn (2), the customer's message to staff (1), the staff reply (1), the balance turn (2).
        Assert.Equal(6, await app.QueryAsync(db => db.ChatSessions.Where(s => s.SessionId == session).Select(s => s.MessagesCount).SingleAsync()));
    }

    [Fact]
    public async Task Roles_other_than_agent_and_supervisor_are_refused_and_a_deactivated_member_loses_access()
    {
        foreach (var role in new[] { StaffRole.Auditor, StaffRole.ComplianceOfficer, StaffRole.Admin })
        {
            var user = await app.CreateStaffAsync(role);
            await using var refused = app.ConnectStaff(app.StaffTokenFor(user));
            var ex = await Assert.ThrowsAsync<HttpRequestException>(() => refused.StartAsync());
            Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        }

        var supervisor = await app.CreateStaffAsync(StaffRole.Supervisor);
        await using var hub = app.ConnectStaff(app.StaffTokenFor(supervisor));
        await hub.StartAsync();
        _ = await hub.InvokeAsync<List<EscalatedSession>>("ListEscalatedSessions");
        await app.QueryAsync(db => db.Users.Where(u => u.UserId == supervisor.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
        var gone = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<List<EscalatedSession>>("ListEscalatedSessions"));
        Assert.Equal("unauthorized", HubErrors.CodeOf(gone.Message));
    }

    [Fact]
    public async Task Staff_cannot_join_or_write_to_a_session_that_is_not_escalated()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        await using var customerHub = app.Connect(app.TokenFor(customer));
        await customerHub.StartAsync();
        var session = (await customerHub.InvokeAsync<StartSessionResponse>("StartSession", new StartSessionRequest("web"))).SessionId;
        await FinalAsync(customerHub, session, "what's my checking balance?");

        var agent = await app.CreateStaffAsync(StaffRole.Agent);
        await using var staff = app.ConnectStaff(app.StaffTokenFor(agent));
        await staff.StartAsync();
        Assert.DoesNotContain(await staff.InvokeAsync<List<EscalatedSession>>("ListEscalatedSessions"), s => s.SessionId == session);
        foreach (var id in new[] { session, Guid.NewGuid() })
        {
            var join = await Assert.ThrowsAsync<HubException>(() => staff.InvokeAsync<JoinSessionResponse>("JoinSession", id));
            Assert.Equal("session_not_found", HubErrors.CodeOf(join.Message));
            var say = await Assert.ThrowsAsync<HubException>(() => staff.InvokeAsync<StaffMessageSent>("SendToCustomer", id, "hello"));
            Assert.Equal("session_not_found", HubErrors.CodeOf(say.Message));
        }
        var row = await app.QueryAsync(db => db.ChatSessions.SingleAsync(s => s.SessionId == session));
        Assert.Null(row.HandledByUserId);
        Assert.Equal(0, await app.QueryAsync(db => db.ChatMessages.CountAsync(m => m.SessionId == session && m.Role == ChatMessageRole.Staff)));
        Assert.Equal(0, await app.QueryAsync(db => db.AuditLogs.CountAsync(a => a.UserId == agent.UserId)));
    }

    [Fact]
    public async Task Customers_cannot_use_the_staff_hub_and_staff_tokens_are_not_customer_tokens()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        await using var asCustomer = app.ConnectStaff(app.TokenFor(customer));
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => asCustomer.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);

        var key = await app.CreateApiKeyAsync(["chat:act_for_customer"]);
        await using var withKey = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, StaffHub.Path), o => o.Headers["X-Api-Key"] = key)
            .Build();
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<HttpRequestException>(() => withKey.StartAsync())).StatusCode);

        var agent = await app.CreateStaffAsync(StaffRole.Agent);
        await using var staffOnChat = app.Connect(app.StaffTokenFor(agent));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<HttpRequestException>(() => staffOnChat.StartAsync())).StatusCode);
    }

    [Fact]
    public async Task Staff_sign_in_checks_the_bcrypt_password_answers_unknown_users_alike_and_is_rate_limited()
    {
        var agent = await app.CreateStaffAsync(StaffRole.Agent);
        using var http = new HttpClient();

        var wrong = await app.SignInAsync(http, agent.Email, "not the password at all");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var unknown = await app.SignInAsync(http, "nobody@bank.example", StaffTestSupport.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(await wrong.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Contains("invalid_credentials", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.QueryAsync(db => db.Users.Where(u => u.UserId == agent.UserId).Select(u => u.LastLoginAt).SingleAsync()));

        var empty = await http.PostAsync(new Uri(app.BaseAddress, "/auth/staff/token"), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, empty.StatusCode);

        var ok = await app.SignInAsync(http, agent.Email, StaffTestSupport.Password);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("agent", body.GetProperty("role").GetString());
        Assert.NotNull(await app.QueryAsync(db => db.Users.Where(u => u.UserId == agent.UserId).Select(u => u.LastLoginAt).SingleAsync()));
        await using (var hub = app.ConnectStaff(body.GetProperty("token").GetString()!))
        {
            await hub.StartAsync();
            _ = await hub.InvokeAsync<List<EscalatedSession>>("ListEscalatedSessions");
        }

        // Auth:StaffSignInsPerMinute (10) per address: four used above; the window fills, then even a good password waits.
        HttpStatusCode last = HttpStatusCode.OK;
        for (var i = 0; i < 20 && last != HttpStatusCode.TooManyRequests; i++)
        {
            last = (await app.SignInAsync(http, agent.Email, "wrong password " + i)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        var limited = await app.SignInAsync(http, agent.Email, StaffTestSupport.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("rate_limited", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_member_sees_only_the_session_they_joined_and_no_one_else_can_take_it()
    {
        var (hubA, _, sessionA) = await EscalatedCustomerAsync();
        await using var _a = hubA;
        var (customerB, _, _) = await app.NewCustomerAsync();
        await using var hubB = app.Connect(app.TokenFor(customerB));
        await hubB.StartAsync();
        var sessionB = (await hubB.InvokeAsync<StartSessionResponse>("StartSession", new StartSessionRequest("web"))).SessionId;

        var agent = await app.CreateStaffAsync(StaffRole.Agent);
        await using var staff = app.ConnectStaff(app.StaffTokenFor(agent));
        var fromCustomers = staff.Collect<CustomerMessageDto>(nameof(IStaffClient.CustomerMessage));
        await staff.StartAsync();
        await staff.InvokeAsync<JoinSessionResponse>("JoinSession", sessionA);

        // B is not escalated: B's words reach the model, not this staff member; A's words, sent after, arrive first.
        var b = await FinalAsync(hubB, sessionB, "my social is 123-45-6789 what's my savings balance?");
        Assert.Null(b.RoutedToStaff);
        var a = await FinalAsync(hubA, sessionA, "hello, are you there?");
        Assert.True(a.RoutedToStaff);
        var first = await NextAsync(fromCustomers);
        Assert.Equal(sessionA, first.SessionId);
        Assert.Equal("hello, are you there?", first.Text);

        var joinB = await Assert.ThrowsAsync<HubException>(() => staff.InvokeAsync<JoinSessionResponse>("JoinSession", sessionB));
        Assert.Equal("session_not_found", HubErrors.CodeOf(joinB.Message));

        // A second member of staff can neither take A nor write into it.
        var other = await app.CreateStaffAsync(StaffRole.Supervisor);
        await using var otherHub = app.ConnectStaff(app.StaffTokenFor(other));
        await otherHub.StartAsync();
        var taken = await Assert.ThrowsAsync<HubException>(() => otherHub.InvokeAsync<JoinSessionResponse>("JoinSession", sessionA));
        Assert.Equal("session_taken", HubErrors.CodeOf(taken.Message));
        var write = await Assert.ThrowsAsync<HubException>(() => otherHub.InvokeAsync<StaffMessageSent>("SendToCustomer", sessionA, "hi"));
        Assert.Equal("session_not_found", HubErrors.CodeOf(write.Message));

        // Back to the queue: now the other member of staff may join it.
        await staff.InvokeAsync<bool>("LeaveSession", sessionA, true);
        var row = await app.QueryAsync(db => db.ChatSessions.SingleAsync(s => s.SessionId == sessionA));
        Assert.Equal(ResolutionType.Escalated, row.ResolutionType);
        Assert.Null(row.HandledByUserId);
        var joined = await otherHub.InvokeAsync<JoinSessionResponse>("JoinSession", sessionA);
        Assert.Contains(joined.History, m => m.Text == "hello, are you there?");
    }
}
