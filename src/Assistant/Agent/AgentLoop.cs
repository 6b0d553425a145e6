using BankingLlm.Assistant.Agent.Offline;
using BankingLlm.Assistant.Agent.Prompts;
using BankingLlm.Tools.Audit;
using BankingLlm.Assistant.Agent.Providers;
using BankingLlm.Assistant.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;

namespace BankingLlm.Assistant.Agent;

/// <summary>
/// The one function-calling loop for every model (offline, OpenAI-compatible, Azure): ask the model, invoke the
/// functions it calls through the kernel's filters, give it the results, repeat, within a cap of rounds. A failing
/// model, a malformed or unknown function call, or a runaway loop ends the turn with a safe reply and an audit row.
/// </summary>
public sealed class AgentLoop(PromptCatalog prompts, AuditRecorder audit, IOptions<ModelOptions> options, ILogger<AgentLoop> logger)
{
    /// <summary>Tool calls the model may request in one round; more are refused (and audited).</summary>
    public const int MaxCallsPerRound = 5;

    public async Task<AgentTurnResult> RunAsync(Kernel kernel, IChatCompletionService model, PromptExecutionSettings settings, ChatHistory history, AgentTurn turn, CancellationToken ct)
    {
        using var activity = AssistantTelemetry.StartAgentLoop();
        var modelId = model.GetModelId() ?? "unknown";
        var start = history.Count;
        string? intent = null;
        double? confidence = null;
        for (var round = 0; round < options.Value.MaxToolRounds; round++)
        {
            ChatMessageContent reply;
            using (var call = AssistantTelemetry.StartModelCall(modelId, round))
            {
                try
                {
                    reply = turn.ReplyDeltas is { } deltas && options.Value.Provider != ModelProvider.Offline
                        ? await StreamAsync(kernel, model, settings, history, deltas, ct).ConfigureAwait(false)
                        : (await model.GetChatMessageContentsAsync(history, settings, kernel, ct).ConfigureAwait(false))[0];
                }
                // Remote models fail only with HttpOperationException (GuardedChatCompletionService translates every
                // failure of the endpoint, timeouts included); anything else is a bug and goes up as one.
                catch (HttpOperationException ex)
                {
                    AgentLog.ModelFailed(logger, ex.GetType().Name);
                    call?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
                    await audit.WriteRefusalAsync("agent", "model", new Dictionary<string, object?>(), $"model unavailable: {ex.GetType().Name}", CancellationToken.None).ConfigureAwait(false);
                    return End(prompts.Fallback("model_unavailable"), AgentOutcome.ModelUnavailable);
                }
            }

            intent ??= reply.Metadata?.GetValueOrDefault(OfflineChatCompletionService.IntentKey) as string;
            confidence ??= reply.Metadata?.GetValueOrDefault(OfflineChatCompletionService.ConfidenceKey) as double?;
            var calls = FunctionCallContent.GetFunctionCalls(reply).ToList();
            history.Add(reply);
            if (calls.Count == 0)
            {
                var text = string.IsNullOrWhiteSpace(reply.Content) ? prompts.Fallback("empty_reply") : reply.Content.Trim();
                return new AgentTurnResult(text, AgentOutcome.Replied, turn.ToolsCalled, [.. history.Skip(start)], intent, confidence);
            }

            // A malformed or unknown call gets a refusal result and the model another round; the cap ends a runaway.
            for (var i = 0; i < calls.Count; i++)
            {
                var json = await InvokeAsync(kernel, calls[i], i, turn, ct).ConfigureAwait(false);
                history.Add(new ChatMessageContent(AuthorRole.Tool, [new FunctionResultContent(calls[i], json)]));
            }
        }

        AgentLog.LoopLimit(logger, options.Value.MaxToolRounds);
        await audit.WriteRefusalAsync("agent", "loop", new Dictionary<string, object?>(), $"loop limit of {options.Value.MaxToolRounds} rounds reached", CancellationToken.None).ConfigureAwait(false);
        return End(prompts.Fallback("loop_limit"), AgentOutcome.LoopLimit);

        AgentTurnResult End(string text, AgentOutcome outcome)
        {
            history.Add(new ChatMessageContent(AuthorRole.Assistant, text));
            return new AgentTurnResult(text, outcome, turn.ToolsCalled, [.. history.Skip(start)], intent, confidence);
        }
    }

    /// <summary>
    /// One streamed model round: text deltas go to the turn's sink as they arrive; function calls are assembled from
    /// their fragments. The offline model is not streamed (it answers whole in microseconds; the hub chunks it).
    /// </summary>
    private static async Task<ChatMessageContent> StreamAsync(Kernel kernel, IChatCompletionService model, PromptExecutionSettings settings, ChatHistory history,
        Func<string, CancellationToken, ValueTask> deltas, CancellationToken ct)
    {
        var reply = new StreamedReply();
        await foreach (var update in model.GetStreamingChatMessageContentsAsync(history, settings, kernel, ct).ConfigureAwait(false))
        {
            reply.Append(update);
            if (!string.IsNullOrEmpty(update.Content))
            {
                await deltas(update.Content, ct).ConfigureAwait(false);
            }
        }

        return reply.Build();
    }

    private async Task<string> InvokeAsync(Kernel kernel, FunctionCallContent call, int index, AgentTurn turn, CancellationToken ct)
    {
        var name = $"{call.PluginName}.{call.FunctionName}";
        if (index >= MaxCallsPerRound)
        {
            return await RejectAsync(call, "too many tool calls in one round").ConfigureAwait(false);
        }
        if (call.Exception is not null)
        {
            // The model sent arguments that are not valid JSON.
            return await RejectAsync(call, "malformed tool call arguments").ConfigureAwait(false);
        }
        if (call.PluginName is null || !kernel.Plugins.TryGetFunction(call.PluginName, call.FunctionName, out _))
        {
            return await RejectAsync(call, "unknown function").ConfigureAwait(false);
        }
        turn.ToolsCalled.Add(name);
        try
        {
            // The tool gets its own copy of the arguments: the vault filter puts real values into them, and the call
            // itself stays in the history (stored, and sent to the model again) with placeholders only.
            var invocation = new FunctionCallContent(call.FunctionName, call.PluginName, call.Id, call.Arguments is null ? null : new KernelArguments(call.Arguments));
            var result = await invocation.InvokeAsync(kernel, ct).ConfigureAwait(false);
            return ToolResultJson.Serialize(result.Result);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The audit filter has recorded the failure; the model gets a neutral error, never the exception text.
            AgentLog.ToolFailed(logger, name, ex.GetType().Name);
            return ToolResultJson.Serialize(new { status = "error", message = prompts.Reply("tool_failed") });
        }
    }

    private async Task<string> RejectAsync(FunctionCallContent call, string reason)
    {
        AgentLog.InvalidToolCall(logger, call.PluginName ?? "", call.FunctionName, reason);
        await audit.WriteRefusalAsync(call.PluginName ?? "unknown", call.FunctionName, call.Arguments?.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal) ?? [],
            $"refused: {reason}", CancellationToken.None).ConfigureAwait(false);
        return ToolResultJson.Serialize(new { status = "refused", code = "invalid_tool_call", message = prompts.Fallback("invalid_tool_call") });
    }
}
