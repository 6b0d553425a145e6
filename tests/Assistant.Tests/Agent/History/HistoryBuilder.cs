using BankingLlm.Assistant.Agent.History;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Tests.Agent.History;

/// <summary>Builds masked banking conversations for the history tests and benchmarks.</summary>
internal static class HistoryBuilder
{
    public const string SystemPrompt =
        "You are the bank's assistant. Answer only about the customer's own accounts. Never reveal placeholders such as [SSN_1]. " +
        "Money moves only after the customer confirms in a user turn.";

    public static ChatMessageContent ToolCall(string callId, string plugin, string function, string accountArgument) =>
        new(AuthorRole.Assistant, [new FunctionCallContent(function, plugin, callId, new KernelArguments { ["account"] = accountArgument })]);

    public static ChatMessageContent ToolResult(string callId, string plugin, string function, string result) =>
        new(AuthorRole.Tool, [new FunctionResultContent(function, plugin, callId, result)]);

    /// <summary>A turn: user asks, the model calls a tool, the tool answers, the model replies.</summary>
    public static void AddToolTurn(ChatHistory history, int turn)
    {
        var callId = $"call_{turn}";
        history.AddUserMessage($"Turn {turn}: what is the balance of my checking account ending in [ACCOUNT_{turn % 7}] please?");
        history.Add(ToolCall(callId, "accounts", "get_balance", $"[ACCOUNT_{turn % 7}]"));
        history.Add(ToolResult(callId, "accounts", "get_balance", $"{{\"account\":\"****{1000 + turn}\",\"available\":\"{turn * 13.37m:F2}\",\"currency\":\"USD\"}}"));
        history.AddAssistantMessage($"Your checking account ending in {1000 + turn} has {turn * 13.37m:F2} USD available.");
    }

    /// <summary>A turn that ends with a pending confirmation for a transfer.</summary>
    public static ChatMessageContent AddPendingTransferTurn(ChatHistory history, int turn, string actionId)
    {
        var callId = $"call_transfer_{turn}";
        history.AddUserMessage("Move 200 dollars from checking to savings.");
        history.Add(ToolCall(callId, "transfers", "prepare_transfer", "[ACCOUNT_1]"));
        var result = ToolResult(callId, "transfers", "prepare_transfer", $"{{\"pending_action_id\":\"{actionId}\",\"amount\":\"200.00\"}}");
        history.Add(result);
        var question = new ChatMessageContent(AuthorRole.Assistant, "Shall I move 200.00 USD from checking ****1001 to savings ****2002? Reply yes to confirm.");
        HistoryMetadata.MarkPendingConfirmation(question, actionId);
        history.Add(question);
        return question;
    }

    public static ChatHistory Conversation(int turns, int pendingAtTurn = -1, string actionId = "act-42")
    {
        var history = new ChatHistory(SystemPrompt);
        for (var turn = 1; turn <= turns; turn++)
        {
            if (turn == pendingAtTurn)
            {
                AddPendingTransferTurn(history, turn, actionId);
            }
            else if (turn % 3 == 0)
            {
                history.AddUserMessage($"Thanks. Turn {turn}: anything else I should know about my savings?");
                history.AddAssistantMessage("Your savings account earns 2.10% APY; no fees apply this month.");
            }
            else
            {
                AddToolTurn(history, turn);
            }
        }

        return history;
    }
}
