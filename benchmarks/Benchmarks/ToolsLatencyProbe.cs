using System.Diagnostics;
using System.Globalization;
using BankingLlm.Data.Entities;
using BankingLlm.Tools.Accounts;
using BankingLlm.Tools.Audit;
using BankingLlm.Tools.Scope;
using Microsoft.Extensions.DependencyInjection;
using BankingLlm.Tools.Kernel;
using Microsoft.SemanticKernel;

namespace BankingLlm.Benchmarks;

/// <summary>
/// `tools [--calls N]`: p50/p95/p99 of accounts.get_balance called directly and through the kernel (audit filter +
/// audit insert), interleaved so both see the same database state, and of the audit insert alone.
/// </summary>
public static class ToolsLatencyProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var calls = args.Length >= 2 && args[0] == "--calls" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000;
        await using var host = await ToolsBenchmarkHost.StartAsync();
        var kernel = host.Kernel();
        var function = kernel.Plugins["accounts"]["get_balance"];
        var plugin = host.Services.GetRequiredService<AccountsPlugin>();
        var recorder = host.Services.GetRequiredService<AuditRecorder>();
        var arguments = new KernelArguments { ["account"] = "Everyday" };
        using var scope = CustomerScope.Begin(new CustomerSession(host.CustomerId, Guid.NewGuid(), "probe", ChatChannel.Api));

        // The same plugin on a kernel without the audit filter: Semantic Kernel's own share of the overhead.
        var bare = new Microsoft.SemanticKernel.Kernel();
        bare.AddBankingPlugins(host.Services);
        var bareFunction = bare.Plugins["accounts"]["get_balance"];

        var direct = new double[calls];
        var viaKernel = new double[calls];
        var viaBareKernel = new double[calls];
        var audit = new double[calls];
        for (var i = 0; i < calls / 5; i++)
        {
            await plugin.GetBalanceAsync("Everyday");
            await function.InvokeAsync(kernel, arguments);
        }
        for (var i = 0; i < calls; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            await plugin.GetBalanceAsync("Everyday");
            var t1 = Stopwatch.GetTimestamp();
            await function.InvokeAsync(kernel, arguments);
            var t2 = Stopwatch.GetTimestamp();
            await recorder.WriteAsync(new ToolInvocation("probe", "noop", new Dictionary<string, string?>()), AuditStatus.Success, null, CancellationToken.None);
            var t3 = Stopwatch.GetTimestamp();
            await bareFunction.InvokeAsync(bare, arguments);
            var t4 = Stopwatch.GetTimestamp();
            viaBareKernel[i] = Stopwatch.GetElapsedTime(t3, t4).TotalMilliseconds;
            direct[i] = Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
            viaKernel[i] = Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds;
            audit[i] = Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds;
        }
        var overhead = direct.Zip(viaKernel, (d, k) => k - d).ToArray();
        Report("get_balance direct", direct);
        Report("get_balance via kernel, no filter", viaBareKernel);
        Report("get_balance via kernel + audit", viaKernel);
        Report("overhead (kernel - direct, per pair)", overhead);
        Report("audit insert alone", audit);
        return 0;
    }

    private static void Report(string name, double[] samples)
    {
        var sorted = samples.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-40} n={sorted.Length}  p50 {BenchmarkDatabase.Percentile(sorted, 50):F3} ms  p95 {BenchmarkDatabase.Percentile(sorted, 95):F3} ms  p99 {BenchmarkDatabase.Percentile(sorted, 99):F3} ms"));
    }
}
