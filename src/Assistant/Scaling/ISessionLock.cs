namespace BankingLlm.Assistant.Scaling;

/// <summary>One turn of a session at a time, across every instance that may serve it.</summary>
public interface ISessionLock
{
    /// <summary>Waits until the session is free and takes it; dispose to release.</summary>
    ValueTask<IAsyncDisposable> AcquireAsync(Guid sessionId, CancellationToken ct);
}
