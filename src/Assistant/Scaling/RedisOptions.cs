namespace BankingLlm.Assistant.Scaling;

/// <summary>
/// "Redis": set <see cref="ConnectionString"/> (env <c>Redis__ConnectionString</c>) to run several instances: SignalR
/// then uses the Redis backplane, and rate limits and session turn locks live in Redis, so any instance can serve any
/// connection and continue any session. Unset: one instance, everything in process.
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis-1:6379,password=...,ssl=true</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of every key and channel, so several deployments can share one Redis.</summary>
    public string Prefix { get; set; } = "bankingllm";

    /// <summary>
    /// How long a session's turn lock is held at most if its instance dies mid-turn (then another instance may take
    /// it). Longer than the longest turn: Model:TimeoutSeconds x Model:MaxToolRounds plus the tools.
    /// </summary>
    public int SessionLockSeconds { get; set; } = 330;

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);
}
