namespace BankingLlm.Assistant.Scaling;

/// <summary>Fixed minute, hour and day windows of calls per principal (an API key, a customer).</summary>
public interface IRateLimitStore
{
    /// <summary>Counts one call of <paramref name="principal"/> at <paramref name="now"/>, unless a window is full.</summary>
    /// <returns>False (and nothing counted) when the call is over a limit.</returns>
    ValueTask<bool> TryTakeAsync(string principal, DateTimeOffset now, int perMinute, int perHour, int perDay);
}
