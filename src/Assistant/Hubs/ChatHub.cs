using System.Runtime.CompilerServices;
using System.Threading.Channels;
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
public sealed class ChatHub(ConversationService conversations, IOptions<ConversationOptions> options, AssistantTelemetry telemetry, ILogger<ChatHub> logger) : Hub<IChatClient>
{
    public const string Path = "/hubs/chat";

    public Task<StartSessionResponse> StartSession(StartSessionRequest request) => GuardAsync(async () =>
    {
        if (request is null || !Enum.TryParse<ChatChannel>(request.Channel, ignoreCase: true, out var channel) || !Enum.IsDefined(channel) || int.TryParse(request.Channel, out _))
        {
            throw HubErrors.InvalidArgument("channel must be web, mobile, api or voice.");
        }
        var started = await conversations.StartSessionAsync(Customer(), channel, request.DeviceType, request.Language, Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(started.SessionId));
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
        if (!streamed)
        {
            foreach (var chunk in ReplyChunks.Split(result.Reply))
            {
                yield return ChatChunk.Delta(chunk);
            }
        }
        var pending = result.PendingAction is { } p ? new PendingActionDto(p.ActionId, p.Summary, p.ExpiresAt) : null;
        yield return new ChatChunk("final", result.Reply, result.Tools, pending);
    }

    private Guid Customer() => AssistantClaims.CustomerOf(Context.User) ?? throw HubErrors.Unauthorized();

    /// <summary>Known refusals keep their code; anything else becomes [internal_error] with no detail.</summary>
    private async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (HubException)
        {
            throw;
        }
        catch (ConversationException ex)
        {
            throw HubErrors.Error(ex.Code, ex.Message);
        }
        catch (OperationCanceledException) when (Context.ConnectionAborted.IsCancellationRequested)
        {
            throw HubErrors.Error("cancelled", "The request was cancelled.");
        }
        catch (Exception ex)
        {
            HubLog.TurnFailed(logger, ex.GetType().Name, ex);
            throw HubErrors.Internal();
        }
    }
}
