using BankingLlm.Assistant.Security;
using BankingLlm.Assistant.Hubs;
using BankingLlm.Assistant.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace Microsoft.Extensions.Hosting;

public static class HubServiceCollectionExtensions
{
    /// <summary>SignalR with detailed errors off, bounded message size and parallelism, and the rate-limit filter.</summary>
    public static IHostApplicationBuilder AddChatHub(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CallerLimits>();
        builder.Services.AddSingleton<RateLimitHubFilter>();
        builder.Services.AddSingleton<ErrorMetricsHubFilter>();
        builder.Services.AddSignalR(options =>
        {
            options.EnableDetailedErrors = false;
            options.MaximumReceiveMessageSize = 64 * 1024;
            options.MaximumParallelInvocationsPerClient = 1;
            options.ClientTimeoutInterval = TimeSpan.FromSeconds(60);
            options.KeepAliveInterval = TimeSpan.FromSeconds(15);
            options.AddFilter<ErrorMetricsHubFilter>();
            options.AddFilter<RateLimitHubFilter>();
        });
        return builder;
    }
}
