using BankingLlm.Assistant.Telemetry;
using BankingLlm.Tools;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Npgsql's query duration instrument; its buckets include the 5 s of the slow-query alert.</summary>
    public const string QueryDurationInstrument = "db.client.operation.duration";

    private static readonly double[] QueryBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>
    /// OpenTelemetry traces and metrics: the assistant's and the tools' sources and meters, Npgsql (queries, pool),
    /// ASP.NET Core and SignalR, the data growth sampler, the Prometheus exporter (served by
    /// <see cref="MapAssistantMetrics"/>) and, when OTEL_EXPORTER_OTLP_ENDPOINT is set, the OTLP exporter.
    /// </summary>
    public static IHostApplicationBuilder AddAssistantTelemetry(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.MetricsAllowedNetworks?.All(n => System.Net.IPNetwork.TryParse(n?.Trim(), out _)) ?? true,
                "Telemetry:MetricsAllowedNetworks must hold networks in CIDR form, e.g. 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddSingleton(sp => new MetricsAccess(sp.GetRequiredService<IOptions<TelemetryOptions>>().Value));
        services.AddSingleton<TableGrowthSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<TableGrowthSampler>());

        var metricsPath = builder.Configuration[$"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.MetricsPath)}"] ?? "/metrics";
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("bankingllm-assistant"))
            .WithTracing(tracing => tracing
                .AddSource(AssistantTelemetry.Name, ToolsTelemetry.Name)
                .AddNpgsql()
                // Health probes and scrapes are not traced; the hub's access_token is redacted with the query string.
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments(metricsPath)))
            .WithMetrics(metrics => metrics
                .AddMeter(AssistantTelemetry.Name, AssistantTelemetry.Name + ".Database", ToolsTelemetry.Name)
                .AddNpgsqlInstrumentation()
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Http.Connections")
                .AddView(QueryDurationInstrument, new ExplicitBucketHistogramConfiguration { Boundaries = QueryBuckets })
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>
    /// The Prometheus scrape endpoint (Telemetry:MetricsPath, default /metrics), served only to requests
    /// <see cref="MetricsAccess"/> allows; call before authentication, since a scraper has no customer credential.
    /// </summary>
    public static WebApplication MapAssistantMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (options.MetricsEnabled)
        {
            var access = app.Services.GetRequiredService<MetricsAccess>();
            app.UseOpenTelemetryPrometheusScrapingEndpoint(
                meterProvider: null,
                predicate: context => context.Request.Path == options.MetricsPath && access.Allows(context),
                path: null,
                configureBranchedPipeline: null,
                optionsName: null);
        }
        return app;
    }
}
