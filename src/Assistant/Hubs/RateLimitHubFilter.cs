using System.Collections.Concurrent;
using BankingLlm.Assistant.Scaling;
using BankingLlm.Assistant.Security;
using BankingLlm.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Hubs;

/// <summary>
/// Per-principal limits on hub calls: an API key's own per-minute/hour/day limits (api_keys), a customer's per-minute
/// limit (Auth:CustomerRequestsPerMinute). Counted in fixed windows in the <see cref="IRateLimitStore"/> (Redis when
/// configured, so the limits hold across instances); an API key's use is also recorded (total_requests,
/// last_used_at). Over the limit: [rate_limited] and nothing runs.
/// </summary>
public sealed class RateLimitHubFilter(IDbContextFactory<BankingDbContext> contexts, IRateLimitStore counters, IOptions<AuthOptions> auth, TimeProvider clock, ILogger<RateLimitHubFilter> logger) : IHubFilter
{    private readonly ConcurrentDictionary<Guid, (int Minute, int Hour, int Day, DateTimeOffset LoadedAt)> _keyLimits = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var user = invocationContext.Context.User;
        var now = clock.GetUtcNow();
        if (Guid.TryParse(user?.FindFirst(AssistantClaims.ApiKeyId)?.Value, out var keyId))
        {
            var limits = await LimitsAsync(keyId, now).ConfigureAwait(false);
            if (!await counters.TryTakeAsync("key:" + keyId, now, limits.Minute, limits.Hour, limits.Day).ConfigureAwait(false))
            {
                HubLog.RateLimited(logger, "api key");
                throw HubErrors.RateLimited();
            }
            await RecordUseAsync(keyId, now).ConfigureAwait(false);
        }
        else if (AssistantClaims.CustomerOf(user) is { } customer
            && !await counters.TryTakeAsync("customer:" + customer, now, auth.Value.CustomerRequestsPerMinute, int.MaxValue, int.MaxValue).ConfigureAwait(false))
        {
            HubLog.RateLimited(logger, "customer");
            throw HubErrors.RateLimited();
        }
        return await next(invocationContext).ConfigureAwait(false);
    }

    private async Task<(int Minute, int Hour, int Day)> LimitsAsync(Guid keyId, DateTimeOffset now)
    {
        if (_keyLimits.TryGetValue(keyId, out var cached) && now - cached.LoadedAt < TimeSpan.FromMinutes(1))
        {
            return (cached.Minute, cached.Hour, cached.Day);
        }
        await using var db = await contexts.CreateDbContextAsync().ConfigureAwait(false);
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.KeyId == keyId)
            .Select(k => new { k.RequestsPerMinute, k.RequestsPerHour, k.RequestsPerDay, k.Status, k.ExpiresAt }).SingleOrDefaultAsync().ConfigureAwait(false);
        if (key is null || key.Status != Data.Entities.ApiKeyStatus.Active || (key.ExpiresAt is { } e && e <= now.UtcDateTime))
        {
            // Revoked or expired while connected: the connection loses its rights at once.
            throw HubErrors.Unauthorized();
        }
        var limits = (key.RequestsPerMinute ?? 100, key.RequestsPerHour ?? 5000, key.RequestsPerDay ?? 50000);
        _keyLimits[keyId] = (limits.Item1, limits.Item2, limits.Item3, now);
        return limits;
    }

    private async Task RecordUseAsync(Guid keyId, DateTimeOffset now)
    {
        await using var db = await contexts.CreateDbContextAsync().ConfigureAwait(false);
        var at = now.UtcDateTime;
        await db.ApiKeys.Where(k => k.KeyId == keyId)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.TotalRequests, k => (k.TotalRequests ?? 0) + 1).SetProperty(k => k.LastUsedAt, at)).ConfigureAwait(false);
    }
}
