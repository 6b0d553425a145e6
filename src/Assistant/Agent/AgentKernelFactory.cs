using BankingLlm.Assistant.Agent.Filters;
using BankingLlm.Assistant.Agent.Offline;
using BankingLlm.PiiGuard;
using BankingLlm.Tools.Audit;
using BankingLlm.Tools.Kernel;
using Microsoft.SemanticKernel;

namespace BankingLlm.Assistant.Agent;

/// <summary>
/// A Kernel per turn: the banking plugins and the filters in this order, outermost first: customer scope, vault,
/// confirmation gate, audit (innermost, added by AddBankingTools, so it records exactly what the tool did).
/// </summary>
public sealed class AgentKernelFactory(IServiceProvider services, IPiiGuard guard, AuditRecorder audit)
{
    public Kernel Create(AgentTurn turn)
    {
        var kernel = new Kernel(services);
        kernel.FunctionInvocationFilters.Add(new CustomerScopeFilter(turn, audit));
        kernel.FunctionInvocationFilters.Add(new VaultFilter(turn, guard, audit));
        kernel.FunctionInvocationFilters.Add(new ConfirmationGateFilter(turn, audit));
        kernel.AddBankingTools(services);
        kernel.Data[OfflineChatCompletionService.NicknamesKey] = turn.AccountNicknames;
        return kernel;
    }
}
