using BankingLlm.PiiGuard.Analysis;
using Microsoft.Extensions.Hosting;

namespace BankingLlm.PiiGuard;

/// <summary>
/// Builds (and so warms up) the analyzer while the host starts, so the first customer message does not pay for
/// regex code generation (~0.5-1 s on a small machine).
/// </summary>
internal sealed class PiiGuardWarmUp(IPiiAnalyzer analyzer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolving the analyzer ran PiiAnalyzer.WarmUp; touching it keeps the dependency honest.
        GC.KeepAlive(analyzer);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
