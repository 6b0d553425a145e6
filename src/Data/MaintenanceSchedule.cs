namespace BankingLlm.Data;

/// <summary>
/// The loop of a scheduled maintenance job: wait <c>initialDelay</c>, run, then run again every <c>interval</c>
/// until the host stops. A failed run is reported to <c>onFailure</c> and retried at the next tick; stopping
/// cancels the run in flight (whose open batch rolls back).
/// </summary>
public static class MaintenanceSchedule
{
    public static async Task RunAsync(TimeSpan initialDelay, TimeSpan interval, TimeProvider clock,
        Func<CancellationToken, Task> run, Action<Exception> onFailure, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(initialDelay, clock, stoppingToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(interval, clock);
            do
            {
                try
                {
                    await run(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    onFailure(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
