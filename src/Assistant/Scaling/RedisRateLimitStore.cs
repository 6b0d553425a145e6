using System.Globalization;
using StackExchange.Redis;

namespace BankingLlm.Assistant.Scaling;

/// <summary>
/// Rate-limit windows in Redis, shared by every instance: one key per principal and window, checked and counted
/// atomically by a script (no call is counted when any window is full), each key expiring with its window.
/// </summary>
public sealed class RedisRateLimitStore(IConnectionMultiplexer redis, string prefix) : IRateLimitStore
{
    // KEYS: minute, hour, day window keys. ARGV: limits, then TTLs in seconds.
    private const string Script = """
        for i = 1, 3 do
          local used = tonumber(redis.call('GET', KEYS[i]) or '0')
          if used >= tonumber(ARGV[i]) then return 0 end
        end
        for i = 1, 3 do
          if redis.call('INCR', KEYS[i]) == 1 then redis.call('EXPIRE', KEYS[i], ARGV[i + 3]) end
        end
        return 1
        """;

    public async ValueTask<bool> TryTakeAsync(string principal, DateTimeOffset now, int perMinute, int perHour, int perDay)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        var key = $"{prefix}:rate:{principal}:";
        var result = await redis.GetDatabase().ScriptEvaluateAsync(Script,
            [
                new RedisKey(key + "m" + minute.ToString(CultureInfo.InvariantCulture)),
                new RedisKey(key + "h" + (minute / 60).ToString(CultureInfo.InvariantCulture)),
                new RedisKey(key + "d" + (minute / 1440).ToString(CultureInfo.InvariantCulture)),
            ],
            [perMinute, perHour, perDay, 120, 2 * 3600, 2 * 86400]).ConfigureAwait(false);
        return (int)result == 1;
    }
}
