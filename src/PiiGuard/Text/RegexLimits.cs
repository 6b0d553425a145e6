namespace BankingLlm.PiiGuard.Text;

/// <summary>
/// Regex match timeout of every recognizer. It is a safety net against pathological input, not a latency budget:
/// the patterns are linear on the inputs we accept (see the adversarial benchmarks); a wall-clock limit much
/// tighter than this fires spuriously under CPU contention or a cold JIT, and the analyzer then fails closed.
/// </summary>
internal static class RegexLimits
{
    public const int TimeoutMilliseconds = 1000;
}
