using System.Text.Json;
using BankingLlm.Data.Entities;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Conversations;

/// <summary>
/// Stores Semantic Kernel messages as chat_messages rows and back: text in masked_text, function calls and results
/// in tool_calls (JSON). Everything stored is already masked.
/// </summary>
public static class ChatMessageCodec
{
    private sealed record StoredCall(string Id, string Plugin, string Function, Dictionary<string, JsonElement>? Arguments);

    private sealed record StoredResult(string CallId, string Plugin, string Function, string Result);

    private sealed record StoredItems(List<StoredCall>? Calls, List<StoredResult>? Results, Dictionary<string, string>? Metadata);

    public static ChatMessage ToRow(ChatMessageContent message, Guid sessionId, int sequence, DateTime now)
    {
        var calls = message.Items.OfType<FunctionCallContent>()
            .Select(c => new StoredCall(c.Id ?? "", c.PluginName ?? "", c.FunctionName,
                c.Arguments?.ToDictionary(a => a.Key, a => JsonSerializer.SerializeToElement(a.Value), StringComparer.Ordinal)))
            .ToList();
        var results = message.Items.OfType<FunctionResultContent>()
            .Select(r => new StoredResult(r.CallId ?? "", r.PluginName ?? "", r.FunctionName ?? "", r.Result as string ?? JsonSerializer.Serialize(r.Result)))
            .ToList();
        var metadata = message.Metadata?.Where(m => m.Value is string or double or int).ToDictionary(m => m.Key, m => Convert.ToString(m.Value, System.Globalization.CultureInfo.InvariantCulture)!, StringComparer.Ordinal);
        var items = calls.Count > 0 || results.Count > 0 || metadata is { Count: > 0 } ? new StoredItems(calls.Count > 0 ? calls : null, results.Count > 0 ? results : null, metadata) : null;
        return new ChatMessage
        {
            MessageId = Guid.CreateVersion7(),
            SessionId = sessionId,
            Sequence = sequence,
            Role = message.Role == AuthorRole.User ? ChatMessageRole.User
                : message.Role == AuthorRole.Tool ? ChatMessageRole.Tool
                : message.Role == AuthorRole.System ? ChatMessageRole.System
                : ChatMessageRole.Assistant,
            MaskedText = message.Content ?? "",
            ToolCalls = items is null ? null : JsonSerializer.Serialize(items),
            CreatedAt = now,
        };
    }

    public static ChatMessageContent FromRow(ChatMessage row)
    {
        var role = row.Role switch
        {
            ChatMessageRole.User => AuthorRole.User,
            ChatMessageRole.Tool => AuthorRole.Tool,
            ChatMessageRole.System => AuthorRole.System,
            _ => AuthorRole.Assistant,
        };
        var items = row.ToolCalls is null ? null : JsonSerializer.Deserialize<StoredItems>(row.ToolCalls);
        var message = new ChatMessageContent(role, items?.Calls is null && items?.Results is null ? row.MaskedText : null)
        {
            Metadata = items?.Metadata?.ToDictionary(m => m.Key, m => (object?)m.Value, StringComparer.Ordinal),
        };
        if (items?.Calls is not null || items?.Results is not null)
        {
            if (!string.IsNullOrEmpty(row.MaskedText))
            {
                message.Items.Add(new TextContent(row.MaskedText));
            }
            foreach (var c in items.Calls ?? [])
            {
                var args = new KernelArguments(c.Arguments?.ToDictionary(a => a.Key, a => (object?)Plain(a.Value), StringComparer.Ordinal) ?? []);
                message.Items.Add(new FunctionCallContent(c.Function, c.Plugin, c.Id, args));
            }
            foreach (var r in items.Results ?? [])
            {
                message.Items.Add(new FunctionResultContent(r.Function, r.Plugin, r.CallId, r.Result));
            }
        }
        return message;
    }

    private static object? Plain(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetDecimal(out var d) ? d : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => e.GetRawText(),
    };
}
