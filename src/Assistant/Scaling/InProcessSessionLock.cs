namespace BankingLlm.Assistant.Scaling;

/// <summary>Session turn locks in this process, striped so the lock table stays bounded: right for one instance.</summary>
public sealed class InProcessSessionLock : ISessionLock
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1))];

    public async ValueTask<IAsyncDisposable> AcquireAsync(Guid sessionId, CancellationToken ct)
    {
        var gate = _stripes[(sessionId.GetHashCode() & int.MaxValue) % _stripes.Length];
        await gate.WaitAsync(ct).ConfigureAwait(false);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
            return ValueTask.CompletedTask;
        }
    }
}
