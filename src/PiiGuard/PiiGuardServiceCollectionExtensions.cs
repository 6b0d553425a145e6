using BankingLlm.PiiGuard;
using BankingLlm.PiiGuard.Analysis;
using BankingLlm.PiiGuard.Operators;
using BankingLlm.PiiGuard.Output;
using BankingLlm.PiiGuard.Recognizers;
using BankingLlm.PiiGuard.Scanning;
using BankingLlm.PiiGuard.Vault;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Registers the PII guard. The host must also register, from its key ring and database:
/// <see cref="IVaultProtector"/>, <see cref="IPiiVaultStore"/>, <see cref="IPiiHashKeyProvider"/> and
/// <see cref="BankingLlm.PiiGuard.Recording.IPiiDetectionSink"/>. Extra <see cref="IPiiRecognizer"/> registrations are
/// added to the built-in recognizers.
/// </summary>
public static class PiiGuardServiceCollectionExtensions
{
    /// <summary>Adds the PII guard with options from the "PiiGuard" section, validated at start.</summary>
    public static IHostApplicationBuilder AddPiiGuard(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPiiGuard(builder.Configuration.GetSection(PiiGuardOptions.SectionName));
        return builder;
    }

    /// <summary>Adds the PII guard; options bind from <paramref name="configuration"/> when given.</summary>
    public static IServiceCollection AddPiiGuard(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PiiGuardOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration);
        }

        options.ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPiiAnalyzer>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<PiiGuardOptions>>();
            var recognizers = PiiAnalyzer.DefaultRecognizers(settings.Value).Concat(sp.GetServices<IPiiRecognizer>());
            var analyzer = new PiiAnalyzer(recognizers, settings, sp.GetService<ILogger<PiiAnalyzer>>());
            analyzer.WarmUp();
            return analyzer;
        });
        services.TryAddSingleton<IPiiValueHasher, HmacPiiValueHasher>();
        services.TryAddSingleton<PiiAnonymizer>();
        services.TryAddSingleton<PiiVaultRepository>();
        services.TryAddSingleton<PiiOutputGuard>();
        services.TryAddSingleton<IPiiGuard, PiiGuardService>();
        services.TryAddSingleton<PiiScanner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PiiGuardWarmUp>());
        return services;
    }
}
