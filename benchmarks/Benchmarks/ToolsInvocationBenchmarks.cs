using BankingLlm.Data.Entities;
using BankingLlm.Tools.Accounts;
using BankingLlm.Tools.Audit;
using BankingLlm.Tools.Scope;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace BankingLlm.Benchmarks;

/// <summary>
/// What a tool call through the kernel costs over calling the plugin method directly: Semantic Kernel's function
/// invocation, the audit filter and the audit_logs insert (hash-chain trigger included). accounts.get_balance is the
/// tool; both paths run its database query. Needs PostgreSQL (a throwaway private cluster is started).
/// </summary>
[Config(typeof(PercentileConfig))]
[MemoryDiagnoser]
public class ToolsInvocationBenchmarks
{
    private ToolsBenchmarkHost _host = null!;
    private Microsoft.SemanticKernel.Kernel _kernel = null!;
    private KernelFunction _getBalance = null!;
    private AccountsPlugin _plugin = null!;
    private AuditRecorder _recorder = null!;
    private KernelArguments _args = null!;
    private CustomerSession _session = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await ToolsBenchmarkHost.StartAsync();
        _kernel = _host.Kernel();
        _getBalance = _kernel.Plugins["accounts"]["get_balance"];
        _plugin = _host.Services.GetRequiredService<AccountsPlugin>();
        _recorder = _host.Services.GetRequiredService<AuditRecorder>();
        _args = new KernelArguments { ["account"] = "Everyday" };
        _session = new CustomerSession(_host.CustomerId, Guid.NewGuid(), "bench", ChatChannel.Api);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.DisposeAsync();
    }

    // The customer scope is AsyncLocal: opened inside each call, as the host does per turn (its cost is negligible).
    [Benchmark(Baseline = true, Description = "get_balance direct method call")]
    public async Task<AccountBalance> Direct()
    {
        using var scope = CustomerScope.Begin(_session);
        return await _plugin.GetBalanceAsync("Everyday");
    }

    [Benchmark(Description = "get_balance via kernel + audit filter + audit insert")]
    public async Task<FunctionResult> ThroughKernel()
    {
        using var scope = CustomerScope.Begin(_session);
        var result = await _getBalance.InvokeAsync(_kernel, _args);
        return result.GetValue<object>() is AccountBalance ? result : throw new InvalidOperationException("get_balance was refused");
    }

    [Benchmark(Description = "audit insert alone (hash chain)")]
    public Task AuditInsert() =>
        _recorder.WriteAsync(new ToolInvocation("bench", "noop", new Dictionary<string, string?>()), AuditStatus.Success, null, CancellationToken.None);

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig()
        {
            AddColumn(StatisticColumn.P50, StatisticColumn.P95);
        }
    }
}
