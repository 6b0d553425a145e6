using Microsoft.Extensions.Hosting;

namespace BankingLlm.Data.Postgres;

/// <summary>Stops the private cluster when the host stops (only if this process started it).</summary>
internal sealed class PrivateDatabaseLifetime(LocalPostgres postgres) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => postgres.StopAsync();
}
