using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BankingLlm.Benchmarks.Load;

/// <summary>
/// The floor for the idle-memory figure (`load --idle-only --bare`): ASP.NET Core and SignalR alone in this process,
/// Kestrel on loopback, one empty hub, no authentication, no app middleware (but negotiate answered with
/// Connection: close, as the app does), no logging, no telemetry; stateful reconnect on, as in the app, unless
/// `--no-stateful-reconnect`. What it holds per idle connection is what the
/// framework itself needs, which no change in the app can go below.
/// </summary>
public sealed class BareHubServer : IAsyncDisposable
{
    public const string Path = "/hubs/bare";

    private readonly WebApplication _app;

    private BareHubServer(WebApplication app, Uri baseAddress) => (_app, BaseAddress) = (app, baseAddress);

    public Uri BaseAddress { get; }

    public static async Task<BareHubServer> StartAsync(bool statefulReconnect)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSignalR();
        var app = builder.Build();
        // As the app does (HubRequestTrimming): otherwise each client's negotiate connection stays open for a minute
        // and the burst of them closing leaves free blocks in Kestrel's memory pool that the reading would count.
        app.Use((context, next) =>
        {
            if (context.Request.Path.Value?.EndsWith("/negotiate", StringComparison.Ordinal) == true)
            {
                context.Response.Headers.Connection = "close";
            }
            return next(context);
        });
        app.MapHub<EmptyHub>(Path, options => options.AllowStatefulReconnects = statefulReconnect);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new BareHubServer(app, new Uri(address));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private sealed class EmptyHub : Hub;
}
