using BankingLlm.Assistant.Security;
using Microsoft.AspNetCore.SignalR;

namespace BankingLlm.Assistant.Hubs;

/// <summary>
/// The caller's limits (<see cref="CallerLimits"/>) on every hub call. Over a limit: [rate_limited] and nothing runs;
/// an API key revoked or expired while connected: [unauthorized] at once.
/// </summary>
public sealed class RateLimitHubFilter(CallerLimits limits, ILogger<RateLimitHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        switch (await limits.TryTakeAsync(invocationContext.Context.User).ConfigureAwait(false))
        {
            case CallerVerdict.Revoked:
                throw HubErrors.Unauthorized();
            case CallerVerdict.RateLimited:
                HubLog.RateLimited(logger, invocationContext.Context.User?.FindFirst(AssistantClaims.ApiKeyId) is null ? "customer" : "api key");
                throw HubErrors.RateLimited();
            default:
                return await next(invocationContext).ConfigureAwait(false);
        }
    }
}
