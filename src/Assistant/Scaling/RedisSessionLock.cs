using StackExchange.Redis;

namespace BankingLlm.Assistant.Scaling;

/// <summary>
/// Session turn locks in Redis: <c>SET key token NX PX lease</c>, released only by its owner (compare-and-delete), so
/// two instances never run turns of one session at once. A lock whose instance died expires after the lease
/// (<see cref="RedisOptions.SessionLockSeconds"/>). Waiters poll with a short back-off; a turn is seconds long.
/// </summary>
public sealed class RedisSessionLock(IConnectionMultiplexer redis, string prefix, TimeSpan lease) : ISessionLock
{
    private const string ReleaseScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    public async ValueTask<IAsyncDisposable> AcquireAsync(Guid sessionId, CancellationToken ct)
    {
        var key = new RedisKey($"{prefix}:turn:{sessionId:N}");
        var token = Guid.NewGuid().ToString("N");
        var db = redis.GetDatabase();
        var wait = TimeSpan.FromMilliseconds(5);
        while (!await db.StringSetAsync(key, token, lease, When.NotExists).ConfigureAwait(false))
        {
            await Task.Delay(wait, ct).ConfigureAwait(false);
            wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 200));
        }

        return new Release(db, key, token);
    }

    private sealed class Release(IDatabase db, RedisKey key, string token) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                await db.ScriptEvaluateAsync(ReleaseScript, [key], [token]).ConfigureAwait(false);
            }
        }
    }
}
