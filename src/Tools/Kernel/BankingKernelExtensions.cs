using BankingLlm.Tools.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace BankingLlm.Tools.Kernel;

public static class BankingKernelExtensions
{
    /// <summary>
    /// Adds the banking plugins (accounts, transactions, transfers, compliance, support) and, last, the audit filter.
    /// Add the agent's own function filters (customer scope, vault, confirmation gate) BEFORE calling this, so the
    /// audit filter is the innermost one and sees exactly what the tool did.
    /// </summary>
    public static Microsoft.SemanticKernel.Kernel AddBankingTools(this Microsoft.SemanticKernel.Kernel kernel, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        kernel.AddBankingPlugins(services);
        kernel.FunctionInvocationFilters.Add(services.GetRequiredService<AuditInvocationFilter>());
        return kernel;
    }

    /// <summary>Adds only the plugins (when the caller places the audit filter itself).</summary>
    public static Microsoft.SemanticKernel.Kernel AddBankingPlugins(this Microsoft.SemanticKernel.Kernel kernel, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        foreach (var plugin in services.GetRequiredService<BankingPlugins>().All)
        {
            kernel.Plugins.Add(plugin);
        }
        return kernel;
    }
}
