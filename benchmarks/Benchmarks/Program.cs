using BankingLlm.Benchmarks;
using BenchmarkDotNet.Running;

// `history [--queries N]`: p50/p95/p99 of the seed's history query on the benchmark database (see docs/performance.md).
// Anything else: BenchmarkDotNet, e.g. `-- --filter *Pii*`.
if (args.Length > 0 && args[0] == "history")
{
    return await HistoryQueryLatency.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(HistoryQueryLatency).Assembly).Run(args);
return 0;
