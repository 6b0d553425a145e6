using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BankingLlm.Tools.Tests;

public sealed class OptionsTests
{
    private static BankingToolsOptions Resolve(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddBankingTools();
        using var provider = builder.Services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<BankingToolsOptions>>().Value;
    }

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var o = Resolve([]);
        Assert.Equal(10_000.00m, o.CtrThreshold);
        Assert.Equal(TimeSpan.FromMinutes(5), o.ConfirmationExpiry);
        Assert.Equal(0.90, o.SanctionsMatchThreshold);
        Assert.Equal(25_000.00m, o.DailyTransferLimit);
    }

    [Theory]
    [InlineData("Tools:SanctionsMatchThreshold", "1.5", "SanctionsMatchThreshold")]
    [InlineData("Tools:ConfirmationExpiry", "00:00:01", "ConfirmationExpiry")]
    [InlineData("Tools:BusinessTimeZone", "Mars/Olympus_Mons", "BusinessTimeZone")]
    [InlineData("Tools:StructuringBandLow", "10000", "StructuringBandLow")]
    [InlineData("Tools:DailyExternalTransferLimit", "50000", "DailyExternalTransferLimit")]
    [InlineData("Tools:SanctionsListPath", "/nonexistent/sdn.csv", "SanctionsListPath")]
    public void A_wrong_setting_fails_with_a_message_naming_it(string key, string value, string name)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [key] = value }));
        Assert.Contains(name, string.Join(" ", ex.Failures), StringComparison.Ordinal);
    }
}
