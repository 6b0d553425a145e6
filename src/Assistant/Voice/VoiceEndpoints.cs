using BankingLlm.Assistant.Conversations;
using BankingLlm.Assistant.Security;
using BankingLlm.Assistant.Voice.Audio;
using BankingLlm.Data.Entities;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Voice;

/// <summary>
/// The voice channel over HTTP (docs/voice.md), authenticated like the hub (customer JWT, or a partner API key with
/// X-Customer-Id): start a voice session, send an utterance (audio, or a gateway's transcript as JSON), signal a
/// barge-in. The customer always comes from the credential.
/// </summary>
public static class VoiceEndpoints
{
    public const string Prefix = "/voice/sessions";

    public sealed record StartRequest(string? DeviceType = null, string? Language = null);

    public sealed record TranscriptRequest(string? Text);

    public sealed record PendingActionBody(Guid ActionId, string Summary, DateTime ExpiresAt);

    public sealed record TurnResponse(string Outcome, string Transcript, string Reply, string? Audio, string AudioFormat,
        IReadOnlyList<string> Tools, PendingActionBody? PendingAction, IReadOnlyList<string> PiiTypes);

    public sealed record ErrorResponse(string Error, string Message);

    public static IEndpointRouteBuilder MapVoiceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).RequireAuthorization(AssistantClaims.CustomerPolicy);
        // The same per-caller limits as the chat hub (API key and customer), shared across instances with Redis.
        group.AddEndpointFilter(async (context, next) =>
            await context.HttpContext.RequestServices.GetRequiredService<CallerLimits>().TryTakeAsync(context.HttpContext.User) switch
            {
                CallerVerdict.Revoked => Results.Json(new ErrorResponse("unauthorized", "The API key is no longer valid."), statusCode: StatusCodes.Status401Unauthorized),
                CallerVerdict.RateLimited => Results.Json(new ErrorResponse("rate_limited", "Too many requests; try again in a minute."), statusCode: StatusCodes.Status429TooManyRequests),
                _ => await next(context),
            });
        group.MapPost("", StartAsync);
        group.MapPost("/{sessionId:guid}/turns", TurnAsync);
        group.MapPost("/{sessionId:guid}/barge-in", (Guid sessionId, HttpContext http, VoiceTurnService voice) =>
            Results.Ok(new { interrupted = voice.BargeIn(Customer(http), sessionId) }));
        return app;
    }

    private static async Task<IResult> StartAsync(HttpContext http, ConversationService conversations, CancellationToken ct)
    {
        StartRequest? body = null;
        if (http.Request.ContentLength > 0)
        {
            try
            {
                body = await http.Request.ReadFromJsonAsync<StartRequest>(ct);
            }
            catch (System.Text.Json.JsonException)
            {
                return Error(StatusCodes.Status400BadRequest, "invalid_argument", "The body must be JSON: { deviceType?, language? }.");
            }
        }
        return await GuardAsync(http, async () =>
        {
            var started = await conversations.StartSessionAsync(Customer(http), ChatChannel.Voice, body?.DeviceType ?? "voice-gateway", body?.Language, ct);
            return Results.Ok(new { sessionId = started.SessionId, startedAt = started.StartedAt });
        });
    }

    private static Task<IResult> TurnAsync(Guid sessionId, HttpContext http, VoiceTurnService voice, IOptions<VoiceOptions> options, CancellationToken ct) =>
        GuardAsync(http, async () =>
        {
            var customer = Customer(http);
            VoiceTurnResult result;
            if (http.Request.HasJsonContentType())
            {
                TranscriptRequest? body;
                try
                {
                    body = await http.Request.ReadFromJsonAsync<TranscriptRequest>(ct);
                }
                catch (System.Text.Json.JsonException)
                {
                    return Error(StatusCodes.Status400BadRequest, "invalid_argument", "The body must be JSON: { text }.");
                }
                if (body?.Text is not { } text || text.Length > 4000)
                {
                    return Error(StatusCodes.Status400BadRequest, "invalid_argument", "text is required, at most 4,000 characters.");
                }
                result = await voice.RunTranscriptTurnAsync(customer, sessionId, text, ct);
            }
            else
            {
                var bytes = await BoundedAudioReader.ReadAsync(http.Request.Body, http.Request.ContentLength, options.Value.MaxAudioBytes, ct);
                var audio = voice.Decode(bytes, http.Request.ContentType);
                result = await voice.RunAudioTurnAsync(customer, sessionId, audio, ct);
            }
            var pending = result.PendingAction is { } p ? new PendingActionBody(p.ActionId, p.Summary, p.ExpiresAt) : null;
            return Results.Ok(new TurnResponse(result.Outcome, result.Transcript, result.Reply,
                result.Audio is null ? null : Convert.ToBase64String(result.Audio), "audio/wav", result.Tools, pending, result.PiiTypes));
        });

    private static Guid Customer(HttpContext http) =>
        AssistantClaims.CustomerOf(http.User) ?? throw new ConversationException("unauthorized", "No verified customer.");

    /// <summary>Refusals keep their code; speech-service failures are 503 with no detail; anything else 500 with no detail.</summary>
    private static async Task<IResult> GuardAsync(HttpContext http, Func<Task<IResult>> action)
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(VoiceEndpoints));
        try
        {
            return await action();
        }
        catch (VoiceInputException ex)
        {
            VoiceLog.InputRefused(logger, ex.Code);
            var status = ex.Code switch
            {
                "audio_too_large" or "audio_too_long" => StatusCodes.Status413PayloadTooLarge,
                "invalid_audio" or "unsupported_audio" => StatusCodes.Status415UnsupportedMediaType,
                _ => StatusCodes.Status400BadRequest,
            };
            return Error(status, ex.Code, ex.Message);
        }
        catch (ConversationException ex)
        {
            var status = ex.Code switch
            {
                "session_not_found" => StatusCodes.Status404NotFound,
                "session_ended" => StatusCodes.Status409Conflict,
                "unauthorized" => StatusCodes.Status401Unauthorized,
                _ => StatusCodes.Status400BadRequest,
            };
            return Error(status, ex.Code, ex.Message);
        }
        catch (SpeechServiceException ex)
        {
            VoiceLog.SpeechFailed(logger, "provider", ex);
            return Error(StatusCodes.Status503ServiceUnavailable, "speech_unavailable", "The speech service is not available; try again or use the text channel.");
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Results.StatusCode(499);
        }
    }

    private static IResult Error(int status, string code, string message) => Results.Json(new ErrorResponse(code, message), statusCode: status);
}
