using BankingLlm.Assistant.Conversations;
using BankingLlm.Assistant.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BankingLlm.Assistant.Hubs;

/// <summary>
/// /hubs/staff: the human handoff (docs/hub.md). Staff with a handling role (agent, supervisor) list the escalated
/// sessions, join one (audited; they get its masked history), talk to the customer in the same conversation and leave
/// (hand back to the assistant, or back to the queue). The staff member comes from the staff token, never from an
/// argument. Delivery uses SignalR groups per session on both hubs, state is in PostgreSQL: with a backplane the
/// customer and the staff member may be connected to different instances.
/// </summary>
[Authorize(Policy = AssistantClaims.StaffHandoffPolicy)]
public sealed class StaffHub(HandoffService handoff, IHubContext<ChatHub, IChatClient> customers, ILogger<StaffHub> logger) : Hub<IStaffClient>
{
    public const string Path = "/hubs/staff";

    public static string Group(Guid sessionId) => "staff-session:" + sessionId.ToString("N");

    public Task<IReadOnlyList<EscalatedSession>> ListEscalatedSessions() =>
        HubCalls.GuardAsync(() => handoff.ListEscalatedAsync(Staff(), Context.ConnectionAborted), Context, logger);

    public Task<JoinSessionResponse> JoinSession(Guid sessionId) => HubCalls.GuardAsync(async () =>
    {
        var joined = await handoff.JoinAsync(Staff(), sessionId, Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(sessionId));
        if (joined.NewlyJoined)
        {
            await customers.Clients.Group(ChatHub.Group(sessionId)).Handoff(sessionId, HandoffStates.StaffJoined);
        }
        return new JoinSessionResponse(joined.SessionId, joined.History);
    }, Context, logger);

    public Task<StaffMessageSent> SendToCustomer(Guid sessionId, string text) => HubCalls.GuardAsync(async () =>
    {
        var sent = await handoff.StaffSayAsync(Staff(), sessionId, text, Context.ConnectionAborted);
        await customers.Clients.Group(ChatHub.Group(sessionId)).StaffMessage(sessionId, sent.Text);
        return new StaffMessageSent(sent.SessionId, sent.Sequence, sent.Text, sent.At);
    }, Context, logger);

    /// <summary>Leaves a joined session: back to the assistant, or (<paramref name="requeue"/>) back to the staff queue.</summary>
    public Task<bool> LeaveSession(Guid sessionId, bool requeue = false) => HubCalls.GuardAsync(async () =>
    {
        await handoff.LeaveAsync(Staff(), sessionId, requeue, Context.ConnectionAborted);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(sessionId));
        await customers.Clients.Group(ChatHub.Group(sessionId)).Handoff(sessionId, requeue ? HandoffStates.Waiting : HandoffStates.Assistant);
        return true;
    }, Context, logger);

    private Guid Staff() => AssistantClaims.StaffOf(Context.User) ?? throw HubErrors.Unauthorized();
}
