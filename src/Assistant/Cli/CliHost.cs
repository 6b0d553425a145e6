using BankingLlm.Data;

namespace BankingLlm.Assistant.Cli;

/// <summary>
/// The services a maintenance verb needs (data layer, key ring), on the private cluster when no connection string
/// is set. Disposing stops a cluster this process started.
/// </summary>
public static class CliHost
{
    public static async Task<IHost> BuildAsync(CancellationToken ct, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        Hosting.ShippedSettings.AddAsBase(builder.Configuration);
        // A maintenance verb prints its own result; keep the host's start/stop chatter out of it.
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        var privateDatabase = await builder.StartPrivateDatabaseIfNeededAsync(ct);
        try
        {
            builder.AddBankingData();
            configure?.Invoke(builder);
            var host = builder.Build();
            await host.StartAsync(ct);
            return host;
        }
        catch
        {
            if (privateDatabase is not null)
            {
                await privateDatabase.StopAsync();
            }
            throw;
        }
    }
}
