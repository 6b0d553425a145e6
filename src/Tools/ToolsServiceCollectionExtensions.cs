using BankingLlm.Tools.Accounts;
using BankingLlm.Tools.Audit;
using BankingLlm.Tools.Compliance;
using BankingLlm.Tools.Compliance.Sanctions;
using BankingLlm.Tools.Kernel;
using BankingLlm.Tools.Scope;
using BankingLlm.Tools.Support;
using BankingLlm.Tools.Transactions;
using BankingLlm.Tools.Transfers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace BankingLlm.Tools;

public static class ToolsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the banking plugins, money movement, compliance monitors and screening, the audit filter and
    /// recorder, the audit chain verifier and the staff review service. Call after <c>AddBankingData()</c>.
    /// Put the plugins on a Kernel with <see cref="BankingKernelExtensions.AddBankingTools(Microsoft.SemanticKernel.Kernel, IServiceProvider)"/>.
    /// </summary>
    public static IHostApplicationBuilder AddBankingTools(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<BankingToolsOptions>().BindConfiguration(BankingToolsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddMetrics();
        services.TryAddSingleton<ToolsTelemetry>();
        services.TryAddSingleton<ICustomerContext, AmbientCustomerContext>();
        services.AddSingleton<BusinessCalendar>();
        services.AddSingleton<AuditRecorder>();
        services.AddSingleton<AuditInvocationFilter>();
        services.AddSingleton<AuditChainVerifier>();
        services.AddSingleton<ComplianceMonitor>();
        services.AddSingleton<SanctionsScreener>();
        services.AddSingleton<CashPostingService>();
        services.AddSingleton<ComplianceReviewService>();
        services.AddSingleton<TransferService>();

        services.AddSingleton<AccountsPlugin>();
        services.AddSingleton<TransactionsPlugin>();
        services.AddSingleton<TransfersPlugin>();
        services.AddSingleton<CompliancePlugin>();
        services.AddSingleton<SupportPlugin>();
        services.AddSingleton<BankingPlugins>();
        return builder;
    }
}
