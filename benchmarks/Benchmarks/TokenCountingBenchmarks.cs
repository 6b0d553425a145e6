using System.Globalization;
using BankingLlm.Assistant.Agent.History;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Perfolizer.Mathematics.OutlierDetection;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Benchmarks;

/// <summary>
/// Token counting for one NEW message per invocation (a cache miss: tiktoken over ~200 characters) — the cost a turn
/// adds — and for an already counted one (a cache hit). Target: p99 &lt;= 20 µs per new message.
/// Two jobs: "Batch" (BDN's usual many invocations per iteration: the mean cost with warm CPU caches; its P99 column
/// is over iteration means) and "PerCall" (one invocation per iteration, 5,000 iterations: the P50/P95/P99 columns are
/// per call; BDN's own bookkeeping between iterations leaves the CPU caches partly cold, as a turn's other work does).
/// Run: <c>dotnet run -c Release --project benchmarks/Benchmarks -- --filter *TokenCounting*</c>.
/// </summary>
[Config(typeof(TokenCountingConfig))]
[MemoryDiagnoser]
public class TokenCountingBenchmarks
{
    private readonly ChatTokenCounter _counter = ChatTokenCounter.ForModel("gpt-4o");
    private string[] _texts = [];
    private ChatMessageContent _cached = null!;
    private int _index;

    [GlobalSetup]
    public void Setup()
    {
        // Distinct texts, so ML.Tokenizers' own word cache sees realistic variety rather than one repeated sentence.
        _texts = TokenCountingData.NewMessageTexts(count: 4096);
        _cached = new ChatMessageContent(AuthorRole.User, _texts[0]);
        _counter.CountMessage(_cached);
    }

    // The counter caches by content, so every invocation gets text never seen before (a sequence number on one of
    // the 4,096 texts); building the string is part of the measured time (about 0.1 µs).
    [Benchmark(Description = "count one new ~200-char message (cache miss)")]
    public int CountNewMessage()
    {
        var n = _index++;
        return _counter.CountMessage(new ChatMessageContent(AuthorRole.User, string.Concat(_texts[n & (4096 - 1)], " #", n.ToString(CultureInfo.InvariantCulture))));
    }

    [Benchmark(Description = "count an already counted message (cache hit)")]
    public int CountCachedMessage() => _counter.CountMessage(_cached);

    private sealed class TokenCountingConfig : ManualConfig
    {
        public TokenCountingConfig()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithGcForce(false)
                .WithId("Batch"));
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithGcForce(false)
                .WithWarmupCount(200)
                .WithIterationCount(5000)
                .WithOutlierMode(OutlierMode.DontRemove)
                .WithId("PerCall"));
            AddColumn(PercentileColumn.P50, PercentileColumn.P95, PercentileColumn.P99);
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
