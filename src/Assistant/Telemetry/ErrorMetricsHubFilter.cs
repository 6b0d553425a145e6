using BankingLlm.Assistant.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace BankingLlm.Assistant.Telemetry;

/// <summary>
/// Counts every error a hub method returns, by its bracketed code (HubErrors), for every hub. Registered first, so
/// it also sees the rate-limit filter's refusals. Errors of a streamed reply surface while the stream is read, after
/// this filter has returned; the chat hub counts those itself through <see cref="AssistantTelemetry.Error"/>.
/// </summary>
public sealed class ErrorMetricsHubFilter(AssistantTelemetry telemetry) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext).ConfigureAwait(false);
        }
        catch (HubException ex)
        {
            telemetry.Error(HubErrors.CodeOf(ex.Message) ?? "unknown");
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // SignalR turns this into its generic error; the chat hub maps its own failures to [internal_error].
            telemetry.Error("internal_error");
            throw;
        }
    }
}
