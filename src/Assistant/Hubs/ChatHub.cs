using System.Runtime.CompilerServices;
using System.Threading.Channels;
using BankingLlm.Assistant.Agent;
using BankingLlm.Assistant.Conversations;
using BankingLlm.Assistant.Security;
using BankingLlm.Assistant.Telemetry;
using BankingLlm.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Hubs;

/// <summary>
/// /hubs/chat (HUB.md): the customer's sessions and turns. The customer comes from the connection's credential,
/// never from an argument; a session id of another customer is answered exactly like an unknown one.
/// </summary>
[Authorize(Policy = AssistantClaims.CustomerPolicy)]
public sealed class ChatHub(
    ConversationService conversations,
    IHubContext<StaffHub, IStaffClient> staff,
    IOptions<ConversationOptions> options,
    AssistantTelemetry telemetry,
    ILogger<ChatHub> logger) : Hub<IChatClient>
{
    public const string Path = "/hubs/chat";

    public Task<StartSessionResponse> StartSession(StartSessionRequest request) => GuardAsync(async () =>
    {
        if (request is null || !Enum.TryParse<ChatChannel>(request.Channel, ignoreCase: true, out var channel) || !Enum.IsDefined(channel) || int.TryParse(request.Channel, out _))
        {
            throw HubErrors.InvalidArgument("channel must be web, mobile, api or voice.");
        }
        var started = await conversations.StartSessionAsync(Customer(), channel, request.DeviceType, request.Language, Context.ConnectionAborted);
        await JoinGroupAsync(started.SessionId);
        return new StartSessionResponse(started.SessionId, started.StartedAt);
    });

    public IAsyncEnumerable<ChatChunk> SendMessage(Guid sessionId, string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw HubErrors.InvalidArgument("The message is empty.");
        }
        if (text.Length > options.Value.MaxMessageLength)
        {
            throw HubErrors.MessageTooLarge(options.Value.MaxMessageLength);
        }
        return StreamAsync(new TurnRequest(Customer(), sessionId, text, RequestId: Context.ConnectionId + ":" + Guid.NewGuid().ToString("N")), cancellationToken);
    }

    public IAsyncEnumerable<ChatChunk> ConfirmAction(Guid sessionId, Guid actionId, CancellationToken cancellationToken) =>
        StreamAsync(new TurnRequest(Customer(), sessionId, null, ConfirmActionId: actionId, RequestId: Guid.NewGuid().ToString("N")), cancellationToken);

    public IAsyncEnumerable<ChatChunk> CancelAction(Guid sessionId, Guid actionId, CancellationToken cancellationToken) =>
        StreamAsync(new TurnRequest(Customer(), sessionId, null, CancelActionId: actionId, RequestId: Guid.NewGuid().ToString("N")), cancellationToken);

    public Task<EndSessionResponse> EndSession(Guid sessionId, string? resolution = null) => GuardAsync(async () =>
    {
        ResolutionType? parsed = null;
        if (resolution is not null)
        {
            parsed = resolution switch
            {
                "resolved" => ResolutionType.Resolved,
                "escalated" => ResolutionType.Escalated,
                "incomplete" => ResolutionType.Incomplete,
                "no_action" => ResolutionType.NoAction,
                _ => throw HubErrors.InvalidArgument("resolution must be resolved, escalated, incomplete or no_action."),
            };
        }
        var ended = await conversations.EndSessionAsync(Customer(), sessionId, parsed, Context.ConnectionAborted);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(sessionId));
        await staff.Clients.Group(StaffHub.Group(sessionId)).SessionEnded(sessionId);
        return new EndSessionResponse(ended.SessionId, ended.EndedAt, ended.DurationSeconds);
    });

    public static string Group(Guid sessionId) => "session:" + sessionId.ToString("N");

    /// <summary>
    /// A streaming model's reply is relayed delta by delta as the model writes it (after the output guard); a reply
    /// that arrives whole (the offline model) is sent in word-sized chunks. The final chunk carries the whole reply.
    /// </summary>
    private async IAsyncEnumerable<ChatChunk> StreamAsync(TurnRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var deltas = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var turn = GuardAsync(async () =>
        {
            try
            {
                return await conversations.RunTurnAsync(request, (delta, _) => { deltas.Writer.TryWrite(delta); return ValueTask.CompletedTask; }, cancellationToken);
            }
            finally
            {
                deltas.Writer.TryComplete();
            }
        });

        var streamed = false;
        await foreach (var delta in deltas.Reader.ReadAllAsync(CancellationToken.None))
        {
            streamed = true;
            yield return ChatChunk.Delta(delta);
        }

        TurnResult result;
        try
        {
            result = await turn;
        }
        catch (HubException ex)
        {
            // Thrown while the client reads the stream, past the error-metrics filter.
            telemetry.Error(HubErrors.CodeOf(ex.Message) ?? "unknown");
            throw;
        }

        // The session is the caller's (the turn checked it): staff messages for it reach this connection from now on,
        // also after a reconnect. Groups, not connection maps, so a backplane can carry them between instances.
        await JoinGroupAsync(request.SessionId);
        if (result.ForwardedToStaff is { } forwarded)
        {
            await staff.Clients.Group(StaffHub.Group(request.SessionId)).CustomerMessage(new CustomerMessageDto(forwarded.SessionId, forwarded.Sequence, forwarded.Text, forwarded.At));
            yield return new ChatChunk("final", "", [], Pending(result.PendingAction), RoutedToStaff: true);
            yield break;
        }

        if (!streamed)
        {
            foreach (var chunk in ReplyChunks.Split(result.Reply))
            {
                yield return ChatChunk.Delta(chunk);
            }
        }
        yield return new ChatChunk("final", result.Reply, result.Tools, Pending(result.PendingAction));
    }

    private static PendingActionDto? Pending(PendingActionInfo? p) => p is null ? null : new PendingActionDto(p.ActionId, p.Summary, p.ExpiresAt);

    /// <summary>Adds this connection to the session's group once per connection.</summary>
    private async Task JoinGroupAsync(Guid sessionId)
    {
        if (Context.Items.TryGetValue(GroupsKey, out var value) && value is HashSet<Guid> joined && joined.Contains(sessionId))
        {
            return;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(sessionId));
        if (Context.Items.TryGetValue(GroupsKey, out value) && value is HashSet<Guid> set)
        {
            set.Add(sessionId);
        }
        else
        {
            Context.Items[GroupsKey] = new HashSet<Guid> { sessionId };
        }
    }

    private const string GroupsKey = "chat-hub-session-groups";

    private Guid Customer() => AssistantClaims.CustomerOf(Context.User) ?? throw HubErrors.Unauthorized();

    private Task<T> GuardAsync<T>(Func<Task<T>> action) => HubCalls.GuardAsync(action, Context, logger);
}
