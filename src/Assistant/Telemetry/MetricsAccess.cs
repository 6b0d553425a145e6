using System.Net;
using Microsoft.AspNetCore.Http;

namespace BankingLlm.Assistant.Telemetry;

/// <summary>
/// Who may read the scrape endpoint: a request on the metrics port (when one is set) from an allowed network. Any
/// other request is not served by the exporter and falls through to 404, as if the endpoint did not exist.
/// </summary>
public sealed class MetricsAccess
{
    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    private readonly IPNetwork[] _networks;
    private readonly int? _port;

    public MetricsAccess(TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _networks = options.MetricsAllowedNetworks is { Length: > 0 } networks ? [.. networks.Select(ParseNetwork)] : Loopback;
        _port = options.MetricsPort;
    }

    /// <summary>Parses one CIDR entry, naming the setting when it is not one.</summary>
    public static IPNetwork ParseNetwork(string text) =>
        IPNetwork.TryParse(text?.Trim(), out var network)
            ? network
            : throw new FormatException($"Telemetry:MetricsAllowedNetworks: '{text}' is not a network in CIDR form, e.g. 10.0.0.0/8.");

    public bool Allows(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (_port is null || context.Connection.LocalPort == _port) && Allows(context.Connection.RemoteIpAddress);
    }

    public bool Allows(IPAddress? client)
    {
        if (client is null)
        {
            // In-process test servers have no remote address; a real socket always does.
            return false;
        }
        var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        return _networks.Any(n => n.Contains(address));
    }
}
