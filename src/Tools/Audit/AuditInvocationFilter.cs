using BankingLlm.Data.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace BankingLlm.Tools.Audit;

/// <summary>
/// Exactly one audit_logs row per tool invocation: success, refusal, failure or cancellation. Register it as the
/// innermost function filter (after scope, vault and confirmation gate). A write tool records its own row inside
/// its transaction and marks the invocation audited; this filter writes the row for everything else. A
/// <see cref="ToolRefusalException"/> becomes a <see cref="ToolRefusal"/> result for the model; any other exception
/// is audited (type only, never its message, which may hold data) and rethrown for the agent to handle.
/// </summary>
public sealed class AuditInvocationFilter(AuditRecorder recorder, ToolsTelemetry telemetry, ILogger<AuditInvocationFilter> logger) : IFunctionInvocationFilter
{
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var plugin = context.Function.PluginName ?? "kernel";
        var invocation = new ToolInvocation(plugin, context.Function.Name, AuditRecorder.MaskArguments(context.Arguments));
        using var entered = ToolInvocation.Enter(invocation);
        using var activity = ToolsTelemetry.StartInvocation(invocation.ToolName);
        try
        {
            await next(context).ConfigureAwait(false);
            await recorder.WriteAsync(invocation, AuditStatus.Success, null, CancellationToken.None).ConfigureAwait(false);
            telemetry.Invoked(invocation.ToolName, invocation.Outcome ?? "ok");
        }
        catch (ToolRefusalException refusal)
        {
            invocation.Outcome ??= "refused";
            await recorder.WriteAsync(invocation, AuditStatus.Failure, refusal.Message, CancellationToken.None).ConfigureAwait(false);
            ToolsLog.ToolRefused(logger, invocation.ToolName, refusal.Code);
            context.Result = new FunctionResult(context.Function, ToolRefusal.From(refusal));
            activity?.SetTag("bankingllm.refusal", refusal.Code);
            telemetry.Invoked(invocation.ToolName, invocation.Outcome);
        }
        catch (OperationCanceledException)
        {
            invocation.Outcome = "cancelled";
            await recorder.WriteAsync(invocation, AuditStatus.Failure, "cancelled", CancellationToken.None).ConfigureAwait(false);
            telemetry.Invoked(invocation.ToolName, "cancelled");
            throw;
        }
        catch (Exception ex) when (!invocation.Audited)
        {
            invocation.Outcome = "error";
            ToolsLog.ToolFailed(logger, invocation.ToolName, ex.GetType().Name);
            await recorder.WriteAsync(invocation, AuditStatus.Failure, $"error: {ex.GetType().Name}", CancellationToken.None).ConfigureAwait(false);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            telemetry.Invoked(invocation.ToolName, "error");
            throw;
        }
    }
}
