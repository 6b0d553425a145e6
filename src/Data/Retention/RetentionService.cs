using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BankingLlm.Data.Retention;

/// <summary>
/// Runs <see cref="RetentionJob"/> inside `serve`: <see cref="RetentionOptions.InitialDelay"/> after start, then
/// every <see cref="RetentionOptions.Interval"/> (off with <c>Retention:Enabled=false</c>). With several instances
/// the advisory lock lets one run and the others skip. A failed run is logged and retried at the next interval; a
/// stop mid-run rolls back only the batch in flight.
/// </summary>
public sealed class RetentionService(RetentionJob job, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        !options.Value.Enabled
            ? Task.CompletedTask
            : MaintenanceSchedule.RunAsync(options.Value.InitialDelay, options.Value.Interval, clock, RunOnceAsync, ex => RetentionLog.ScheduledRunFailed(logger, ex), stoppingToken);

    private async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await job.RunAsync(ct: ct).ConfigureAwait(false);
        }
        catch (RetentionBusyException)
        {
            RetentionLog.LockBusy(logger);
        }
    }
}
