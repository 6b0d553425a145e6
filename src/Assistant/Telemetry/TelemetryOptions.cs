using System.ComponentModel.DataAnnotations;

namespace BankingLlm.Assistant.Telemetry;

/// <summary>
/// Section "Telemetry": the Prometheus scrape endpoint and who may reach it, and how often table sizes are sampled.
/// The OTLP exporter is switched on by the standard OTEL_EXPORTER_OTLP_ENDPOINT variable, not here.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Serve the Prometheus text format at <see cref="MetricsPath"/>.</summary>
    public bool MetricsEnabled { get; set; } = true;

    [Required, RegularExpression("^/[A-Za-z0-9/_-]*$", ErrorMessage = "Telemetry:MetricsPath must be a path such as /metrics.")]
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>
    /// When set, the endpoint answers only on this local port (add it to the server's URLs, e.g.
    /// ASPNETCORE_URLS="http://+:8080;http://+:9464"), so the public listener never serves it.
    /// </summary>
    [Range(1, 65535)]
    public int? MetricsPort { get; set; }

    /// <summary>
    /// Client networks (CIDR) allowed to scrape; anyone else gets 404. Unset: loopback only (127.0.0.0/8, ::1).
    /// </summary>
    public string[]? MetricsAllowedNetworks { get; set; }

    /// <summary>Table row estimates and sizes are read from PostgreSQL at most this often.</summary>
    [Range(5, 86400)]
    public int TableStatsIntervalSeconds { get; set; } = 60;
}
