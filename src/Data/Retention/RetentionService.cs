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
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        try
        {
            await Task.Delay(options.Value.InitialDelay, clock, stoppingToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(options.Value.Interval, clock);
            do
            {
                try
                {
                    await job.RunAsync(ct: stoppingToken).ConfigureAwait(false);
                }
                catch (RetentionBusyException)
                {
                    RetentionLog.LockBusy(logger);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    RetentionLog.ScheduledRunFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
