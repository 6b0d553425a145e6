using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Agent.Providers;

/// <summary>Registration of <see cref="ModelOptions"/> (binding and validation only; the provider switch is the agent's).</summary>
public static class ModelServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ModelOptions"/> to the <c>Model</c> section and validates it at start: data annotations plus
    /// <see cref="ModelOptionsValidator"/>, so a wrong setting stops the host with a message naming it.
    /// </summary>
    public static OptionsBuilder<ModelOptions> AddModelOptions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>());
        return services.AddOptions<ModelOptions>()
            .BindConfiguration(ModelOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }
}
