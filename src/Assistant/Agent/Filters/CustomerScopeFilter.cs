using BankingLlm.Tools.Audit;
using BankingLlm.Tools.Scope;
using Microsoft.SemanticKernel;

namespace BankingLlm.Assistant.Agent.Filters;

/// <summary>
/// Outermost filter: every call runs in the verified customer's scope, and an argument that tries to name a
/// customer (the model has no business choosing whose data it reads) is refused and audited.
/// </summary>
public sealed class CustomerScopeFilter(AgentTurn turn, AuditRecorder audit) : IFunctionInvocationFilter
{
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        using var scope = CustomerScope.Current?.CustomerId == turn.Customer.CustomerId ? null : CustomerScope.Begin(turn.Customer);
        var forged = context.Arguments.Names.FirstOrDefault(n => n.Contains("customer", StringComparison.OrdinalIgnoreCase) || n.Equals("user_id", StringComparison.OrdinalIgnoreCase));
        if (forged is not null)
        {
            await FilterRefusal.RefuseAsync(context, audit, "forbidden_argument",
                "I can only act on your own accounts.", $"refused: argument '{forged}' names a customer").ConfigureAwait(false);
            return;
        }
        await next(context).ConfigureAwait(false);
    }
}
