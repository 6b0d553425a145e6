using System.Collections.Concurrent;
using System.Security.Claims;
using BankingLlm.Assistant.Scaling;
using BankingLlm.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Security;

/// <summary>What <see cref="CallerLimits"/> decided about one call.</summary>
public enum CallerVerdict
{
    Allowed,

    /// <summary>Over a per-minute/hour/day limit: nothing runs.</summary>
    RateLimited,

    /// <summary>The caller's API key was revoked or expired since it connected.</summary>
    Revoked,
}

/// <summary>
/// Per-caller limits for every way in (the chat hub, the voice endpoints): an API key's own per-minute/hour/day limits
/// (api_keys), a customer's per-minute limit (Auth:CustomerRequestsPerMinute). Counted in fixed windows in the
/// <see cref="IRateLimitStore"/> (Redis when configured, so the limits hold across instances); an API key's use is also
/// recorded (total_requests, last_used_at).
/// </summary>
public sealed class CallerLimits(IDbContextFactory<BankingDbContext> contexts, IRateLimitStore counters, IOptions<AuthOptions> auth, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, (int Minute, int Hour, int Day, DateTimeOffset LoadedAt)> _keyLimits = new();

    /// <summary>Counts one call of <paramref name="user"/> unless it is over a limit or its key is no longer valid.</summary>
    public async ValueTask<CallerVerdict> TryTakeAsync(ClaimsPrincipal? user)
    {
        var now = clock.GetUtcNow();
        if (Guid.TryParse(user?.FindFirst(AssistantClaims.ApiKeyId)?.Value, out var keyId))
        {
            if (await LimitsAsync(keyId, now).ConfigureAwait(false) is not { } limits)
            {
                return CallerVerdict.Revoked;
            }
            if (!await counters.TryTakeAsync("key:" + keyId, now, limits.Minute, limits.Hour, limits.Day).ConfigureAwait(false))
            {
                return CallerVerdict.RateLimited;
            }
            await RecordUseAsync(keyId, now).ConfigureAwait(false);
            return CallerVerdict.Allowed;
        }

        return AssistantClaims.CustomerOf(user) is { } customer
            && !await counters.TryTakeAsync("customer:" + customer, now, auth.Value.CustomerRequestsPerMinute, int.MaxValue, int.MaxValue).ConfigureAwait(false)
            ? CallerVerdict.RateLimited
            : CallerVerdict.Allowed;
    }

    private async Task<(int Minute, int Hour, int Day)?> LimitsAsync(Guid keyId, DateTimeOffset now)
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
            return null;
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
