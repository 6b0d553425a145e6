using BankingLlm.Benchmarks;
using BenchmarkDotNet.Running;

// Latency runners (p50/p95/p99 over many calls; see docs/performance.md):
//   history [--queries N] [--busiest]   the seed's history query on the benchmark database
//   history-tool [--calls N]            transactions.get_recent_transactions through kernel + audit on that database
//   pii-latency                         PII guard per-message latency
//   tools [--calls N]                   a tool call through the kernel, filters and audit insert
//   load [--sessions N] [--interval S] [--duration S] [--saturate] [--idle N] [--idle-only [--bare [--no-stateful-reconnect]]]
//                                       SignalR load on the app (chat hub vs echo hub) and idle memory per connection
//   token-latency [--calls N]           token counting of one new message, per call
//   voice-wer [--decoder "ARGS"]        word error rate of the offline speech-to-text (espeak-ng -> pocketsphinx)
//   voice-latency [--turns N]           voice turn audio in -> audio out with the offline stack
// Anything else: BenchmarkDotNet, e.g. `-- --filter *Pii*`.
switch (args.FirstOrDefault())
{
    case "history":
        return await HistoryQueryLatency.RunAsync(args[1..]);
    case "history-tool":
        return await HistoryToolLatency.RunAsync(args[1..]);
    case "pii-latency":
        Console.WriteLine(PiiLatencyProbe.Run());
        return 0;
    case "load":
        return await BankingLlm.Benchmarks.Load.LoadRunner.RunAsync(args[1..]);
    case "idle-clients":
        return await BankingLlm.Benchmarks.Load.IdleConnections.RunClientsAsync(args[1..]);
    case "token-latency":
        Console.WriteLine(TokenLatencyProbe.Run(args[1..]));
        return 0;
    case "voice-latency":
        return await VoiceTurnLatency.RunAsync(args[1..]);
    case "voice-wer":
        return await VoiceWordErrorRate.RunAsync(args[1..]);
    case "tools":
    case "tools-latency":
        return await ToolsLatencyProbe.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(HistoryQueryLatency).Assembly).Run(args);
return 0;
