using BankingLlm.Tools;
using BankingLlm.Tools.Audit;
using Microsoft.SemanticKernel;

namespace BankingLlm.Assistant.Agent.Filters;

/// <summary>
/// How the agent's own filters refuse a call: one audit row (the audit filter never sees a call stopped before it)
/// and a refusal result the model can relay.
/// </summary>
internal static class FilterRefusal
{
    public static async Task RefuseAsync(FunctionInvocationContext context, AuditRecorder audit, string code, string customerMessage, string auditReason)
    {
        await audit.WriteRefusalAsync(context.Function.PluginName ?? "kernel", context.Function.Name,
            context.Arguments.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal), auditReason, CancellationToken.None).ConfigureAwait(false);
        context.Result = new FunctionResult(context.Function, new ToolRefusal("refused", code, customerMessage));
    }
}
