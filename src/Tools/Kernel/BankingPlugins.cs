using BankingLlm.Tools.Accounts;
using BankingLlm.Tools.Compliance;
using BankingLlm.Tools.Support;
using BankingLlm.Tools.Transactions;
using BankingLlm.Tools.Transfers;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace BankingLlm.Tools.Kernel;

/// <summary>
/// The plugins of TOOLS.md built once (they are stateless: the customer comes from the ambient scope) and shared by
/// every per-turn Kernel.
/// </summary>
public sealed class BankingPlugins
{
    public BankingPlugins(AccountsPlugin accounts, TransactionsPlugin transactions, TransfersPlugin transfers, CompliancePlugin compliance, SupportPlugin support, ILoggerFactory loggerFactory)
    {
        All =
        [
            KernelPluginFactory.CreateFromObject(accounts, AccountsPlugin.PluginName, loggerFactory),
            KernelPluginFactory.CreateFromObject(transactions, TransactionsPlugin.PluginName, loggerFactory),
            KernelPluginFactory.CreateFromObject(transfers, TransfersPlugin.PluginName, loggerFactory),
            KernelPluginFactory.CreateFromObject(compliance, CompliancePlugin.PluginName, loggerFactory),
            KernelPluginFactory.CreateFromObject(support, SupportPlugin.PluginName, loggerFactory),
        ];
    }

    public IReadOnlyList<KernelPlugin> All { get; }

    /// <summary>
    /// True for functions that act on a pending action the customer must have confirmed in a user turn
    /// (transfers.confirm_transfer, compliance.confirm_account_suspension). The agent's confirmation gate checks these.
    /// </summary>
    public static bool RequiresConfirmation(string? pluginName, string functionName) => pluginName switch
    {
        TransfersPlugin.PluginName => TransfersPlugin.MoneyMovingFunctions.Contains(functionName),
        CompliancePlugin.PluginName => CompliancePlugin.ConfirmationFunctions.Contains(functionName),
        _ => false,
    };
}
