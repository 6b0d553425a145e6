using System.Net;
using BankingLlm.Assistant.Telemetry;
using Microsoft.AspNetCore.Http;

namespace BankingLlm.Assistant.Tests.Telemetry;

/// <summary>Who may scrape /metrics: loopback by default, configured networks, and only on the metrics port when set.</summary>
public sealed class MetricsAccessTests
{
    private static DefaultHttpContext Request(string client, int localPort = 8080)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(client);
        context.Connection.LocalPort = localPort;
        return context;
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.1.2.3", false)]
    [InlineData("203.0.113.7", false)]
    public void Unset_networks_mean_loopback_only(string client, bool allowed) =>
        Assert.Equal(allowed, new MetricsAccess(new TelemetryOptions()).Allows(Request(client)));

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("10.255.0.1", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("192.168.1.5", false)]
    public void Configured_networks_replace_the_default(string client, bool allowed) =>
        Assert.Equal(allowed, new MetricsAccess(new TelemetryOptions { MetricsAllowedNetworks = ["10.0.0.0/8"] }).Allows(Request(client)));

    [Fact]
    public void With_a_metrics_port_other_ports_are_refused()
    {
        var access = new MetricsAccess(new TelemetryOptions { MetricsPort = 9464 });
        Assert.True(access.Allows(Request("127.0.0.1", 9464)));
        Assert.False(access.Allows(Request("127.0.0.1", 8080)));
    }

    [Fact]
    public void A_request_without_a_client_address_is_refused() =>
        Assert.False(new MetricsAccess(new TelemetryOptions()).Allows(new DefaultHttpContext()));

    [Fact]
    public void A_network_that_is_not_CIDR_is_named_in_the_error()
    {
        var ex = Assert.Throws<FormatException>(() => new MetricsAccess(new TelemetryOptions { MetricsAllowedNetworks = ["10.0.0.0/33"] }));
        Assert.Contains("Telemetry:MetricsAllowedNetworks", ex.Message, StringComparison.Ordinal);
        Assert.Contains("10.0.0.0/33", ex.Message, StringComparison.Ordinal);
    }
}
