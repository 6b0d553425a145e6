using BankingLlm.Assistant.Agent.History;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Benchmarks;

/// <summary>
/// Token counting for one NEW message per invocation (a cache miss: tiktoken over ~200 characters) — the cost a turn
/// adds — with one invocation per iteration, so the percentiles (P50/P95/P99 columns) are per call. Target: p99 &lt;= 20 µs.
/// Run: <c>dotnet run -c Release --project benchmarks/Benchmarks -- --filter *TokenCounting*</c>.
/// </summary>
[Config(typeof(PerCallConfig))]
[MemoryDiagnoser]
public class TokenCountingBenchmarks
{
    private readonly ChatTokenCounter _counter = ChatTokenCounter.ForModel("gpt-4o");
    private ChatMessageContent[] _messages = [];
    private ChatMessageContent _cached = null!;
    private ChatMessageContent _next = null!;
    private int _index;

    [GlobalSetup]
    public void Setup()
    {
        _messages = TokenCountingData.NewMessages(count: 4096);
        _cached = _messages[0];
        _counter.CountMessage(_cached);
    }

    [IterationSetup(Target = nameof(CountNewMessage))]
    public void NextMessage()
    {
        // A fresh instance with a different text each time: no per-message cache hit, and ML.Tokenizers' own
        // word cache sees realistic variety rather than one repeated sentence.
        var source = _messages[_index++ % _messages.Length];
        _next = new ChatMessageContent(source.Role, source.Content);
    }

    [Benchmark(Description = "count one new ~200-char message (cache miss)")]
    public int CountNewMessage() => _counter.CountMessage(_next);

    [Benchmark(Description = "count an already counted message (cache hit)")]
    public int CountCachedMessage() => _counter.CountMessage(_cached);

    /// <summary>One invocation per iteration, many iterations: BDN's percentiles are then percentiles of single calls.</summary>
    private sealed class PerCallConfig : ManualConfig
    {
        public PerCallConfig()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithWarmupCount(200)
                .WithIterationCount(5000)
                .WithId("PerCall"));
            AddColumn(PercentileColumn.P50, PercentileColumn.P95, PercentileColumn.P99);
            WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }
    }
}

/// <summary>
/// Trimming a 500-turn history (about 2,000 messages) to a 6,000-token budget with a pending confirmation in an old
/// turn. "Warm" is the steady state of a conversation (every message already counted); "cold" counts every message.
/// </summary>
[Config(typeof(TrimConfig))]
[MemoryDiagnoser]
public class TokenCountingTrimBenchmarks
{
    private ChatHistory _history = [];
    private ChatHistoryTrimmer _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        _history = TokenCountingData.Conversation(turns: 500, pendingAtTurn: 37);
        _warm = new ChatHistoryTrimmer(ChatTokenCounter.ForModel("gpt-4o"));
        _warm.Trim(_history, 6000);
    }

    [Benchmark(Description = "trim 500 turns to 6000 tokens (counts cached)")]
    public int TrimWarm() => _warm.Trim(_history, 6000).TokenCount;

    [Benchmark(Description = "trim 500 turns to 6000 tokens (cold counter)")]
    public int TrimCold() => new ChatHistoryTrimmer(new ChatTokenCounter(TokenEncodings.ForModel("gpt-4o"))).Trim(_history, 6000).TokenCount;

    private sealed class TrimConfig : ManualConfig
    {
        public TrimConfig()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithId("Trim"));
            AddColumn(PercentileColumn.P50, PercentileColumn.P95, PercentileColumn.P99);
        }
    }
}
