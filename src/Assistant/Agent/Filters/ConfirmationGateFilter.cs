using BankingLlm.Tools.Audit;
using BankingLlm.Tools.Kernel;
using Microsoft.SemanticKernel;

namespace BankingLlm.Assistant.Agent.Filters;

/// <summary>
/// A money-moving function (transfers.confirm_transfer, compliance.confirm_account_suspension) runs only for the
/// pending action the customer confirmed in this turn, as the host established from the customer's own words or an
/// explicit ConfirmAction. Whatever the model says, nothing else passes.
/// </summary>
public sealed class ConfirmationGateFilter(AgentTurn turn, AuditRecorder audit) : IFunctionInvocationFilter
{
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (BankingPlugins.RequiresConfirmation(context.Function.PluginName, context.Function.Name))
        {
            var requested = context.Arguments.TryGetValue("action_id", out var raw) ? Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture) : null;
            if (turn.ConfirmedActionId is not { } confirmed || !Guid.TryParse(requested, out var id) || id != confirmed)
            {
                await FilterRefusal.RefuseAsync(context, audit, "confirmation_required",
                    "I need your confirmation in your own words before I go ahead.", "refused: no customer confirmation for this action in this turn").ConfigureAwait(false);
                return;
            }
        }
        await next(context).ConfigureAwait(false);
    }
}
