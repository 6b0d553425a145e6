using System.Text.RegularExpressions;
using BankingLlm.Assistant.Agent.Offline;
using BankingLlm.PiiGuard;
using BankingLlm.PiiGuard.Output;
using BankingLlm.Tools.Audit;
using Microsoft.SemanticKernel;

namespace BankingLlm.Assistant.Agent.Filters;

/// <summary>
/// Placeholders in arguments become the session's real values for the tool ("[ACCOUNT_NUMBER_1]" -> the number);
/// a placeholder this session never issued is refused. The tool's result is serialised to JSON and any PII in it
/// replaced by placeholders before the model sees it.
/// </summary>
public sealed partial class VaultFilter(AgentTurn turn, IPiiGuard guard, AuditRecorder audit) : IFunctionInvocationFilter
{
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        foreach (var name in context.Arguments.Names.ToList())
        {
            if (context.Arguments[name] is not string value || !Placeholder().IsMatch(value))
            {
                continue;
            }
            string? unknown = null;
            var resolved = Placeholder().Replace(value, m =>
            {
                if (turn.Vault.TryResolve(m.Value, out var real))
                {
                    return real;
                }
                unknown ??= m.Value;
                return m.Value;
            });
            if (unknown is not null)
            {
                await FilterRefusal.RefuseAsync(context, audit, "not_found",
                    "I couldn't find that among the details you've given me in this conversation.", $"refused: placeholder {unknown} is not in this session's vault").ConfigureAwait(false);
                return;
            }
            context.Arguments[name] = resolved;
        }

        await next(context).ConfigureAwait(false);

        var json = ToolResultJson.Serialize(context.Result.GetValue<object>());
        context.Result = new FunctionResult(context.Function, guard.MaskOutput(json, turn.Vault, OutputMaskStyle.Placeholder));
    }

    [GeneratedRegex(@"\[(?:SSN|CREDIT_CARD|BANK_ACCOUNT|ACCOUNT_NUMBER|PHONE|EMAIL|ADDRESS|PASSPORT|DRIVERS_LICENSE)_\d+\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Placeholder();
}
