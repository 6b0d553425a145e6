using BankingLlm.Assistant.Scaling;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static class ScaleOutServiceCollectionExtensions
{
    /// <summary>
    /// With Redis:ConnectionString: the SignalR Redis backplane and shared rate limits and session locks. Without:
    /// in-process ones (one instance). Call after AddChatHub.
    /// </summary>
    public static IHostApplicationBuilder AddScaleOut(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        builder.Services.Configure<RedisOptions>(builder.Configuration.GetSection(RedisOptions.SectionName));
        if (!options.Enabled)
        {
            builder.Services.TryAddSingleton<IRateLimitStore, InProcessRateLimitStore>();
            builder.Services.TryAddSingleton<ISessionLock, InProcessSessionLock>();
            return builder;
        }

        var configuration = ConfigurationOptions.Parse(options.ConnectionString!);
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= "bankingllm";
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(configuration));
        builder.Services.AddSingleton<IRateLimitStore>(sp => new RedisRateLimitStore(sp.GetRequiredService<IConnectionMultiplexer>(), options.Prefix));
        builder.Services.AddSingleton<ISessionLock>(sp =>
            new RedisSessionLock(sp.GetRequiredService<IConnectionMultiplexer>(), options.Prefix, TimeSpan.FromSeconds(options.SessionLockSeconds)));
        builder.Services.AddSignalR().AddStackExchangeRedis(redis =>
        {
            redis.Configuration = configuration.Clone();
            redis.Configuration.ChannelPrefix = RedisChannel.Literal(options.Prefix);
        });
        return builder;
    }
}
