using System.Text.Json;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Agent.Offline;

/// <summary>A tool call the offline model made, with the result it got back (JSON), in history order.</summary>
public sealed record ToolExchange(string Plugin, string Function, IReadOnlyDictionary<string, object?> Arguments, object? RawResult)
{
    private JsonElement? _result;
    private bool _parsed;

    /// <summary>The result as JSON, parsed at first use: most results of a long history are never read.</summary>
    public JsonElement? Result
    {
        get
        {
            if (!_parsed)
            {
                _result = DialogueState.ToJson(RawResult);
                _parsed = true;
            }
            return _result;
        }
    }

    public string Name => $"{Plugin}.{Function}";

    /// <summary>A string property of the result, by its snake_case name (any casing of the stored JSON is accepted).</summary>
    public string? ResultString(string property)
    {
        if (Result is not { ValueKind: JsonValueKind.Object } r)
        {
            return null;
        }
        if (r.TryGetProperty(property, out var exact))
        {
            return exact.ValueKind == JsonValueKind.String ? exact.GetString() : null;
        }
        var wanted = property.Replace("_", "", StringComparison.Ordinal);
        foreach (var p in r.EnumerateObject())
        {
            if (string.Equals(p.Name.Replace("_", "", StringComparison.Ordinal), wanted, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
            }
        }
        return null;
    }

    public bool IsRefusal => ResultString("status") == "refused";
}

/// <summary>A pending action awaiting the customer's yes or no, as last seen in the history.</summary>
public sealed record PendingConfirmation(string ActionId, string Kind, ToolExchange PreparedBy);

/// <summary>
/// What the offline model reads from the conversation: the user turns since the last tool round (for slot filling),
/// the tool exchanges of the current turn, and any action awaiting confirmation. Derived from the masked history
/// alone, so the model is stateless and replays deterministically.
/// </summary>
public sealed class DialogueState
{
    private DialogueState(IReadOnlyList<string> frameTurns, IReadOnlyList<ToolExchange> currentTurnCalls, IReadOnlyList<ToolExchange> allCalls, PendingConfirmation? pending)
    {
        FrameTurns = frameTurns;
        CurrentTurnCalls = currentTurnCalls;
        AllCalls = allCalls;
        Pending = pending;
    }

    /// <summary>User turns that form the current request, oldest first; the last one is the turn being answered.</summary>
    public IReadOnlyList<string> FrameTurns { get; }

    public string LastUserText => FrameTurns.Count > 0 ? FrameTurns[^1] : "";

    /// <summary>Tool calls made since the last user message, with their results.</summary>
    public IReadOnlyList<ToolExchange> CurrentTurnCalls { get; }

    public IReadOnlyList<ToolExchange> AllCalls { get; }

    public PendingConfirmation? Pending { get; }

    public static DialogueState From(ChatHistory history)
    {
        var calls = new List<(int Index, ToolExchange Exchange)>();
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        var userTurns = new List<(int Index, string Text)>();
        for (var i = 0; i < history.Count; i++)
        {
            var message = history[i];
            if (message.Role == AuthorRole.User)
            {
                userTurns.Add((i, message.Content ?? ""));
                continue;
            }
            foreach (var item in message.Items)
            {
                if (item is FunctionCallContent call)
                {
                    var args = call.Arguments?.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal) ?? [];
                    byId[call.Id ?? $"#{calls.Count}"] = calls.Count;
                    calls.Add((i, new ToolExchange(call.PluginName ?? "", call.FunctionName, args, null)));
                }
                else if (item is FunctionResultContent result)
                {
                    var key = result.CallId ?? "";
                    if (byId.TryGetValue(key, out var at))
                    {
                        calls[at] = (calls[at].Index, calls[at].Exchange with { RawResult = result.Result });
                    }
                }
            }
        }

        var lastUser = userTurns.Count > 0 ? userTurns[^1].Index : -1;
        var current = calls.Where(c => c.Index > lastUser).Select(c => c.Exchange).ToList();

        // The frame: the latest user turns with no tool call between them (slot-filling answers belong together).
        var frame = new List<string>();
        for (var t = userTurns.Count - 1; t >= 0; t--)
        {
            frame.Insert(0, userTurns[t].Text);
            var previousUser = t > 0 ? userTurns[t - 1].Index : -1;
            if (t == 0 || calls.Any(c => c.Index > previousUser && c.Index < userTurns[t].Index) || frame.Count >= 4)
            {
                break;
            }
        }

        return new DialogueState(frame, current, [.. calls.Select(c => c.Exchange)], FindPending(calls.Where(c => c.Index < lastUser || lastUser < 0).Select(c => c.Exchange).ToList()));
    }

    private static PendingConfirmation? FindPending(List<ToolExchange> calls)
    {
        for (var i = calls.Count - 1; i >= 0; i--)
        {
            var c = calls[i];
            string? actionId = null;
            var kind = "";
            if (c.Function is "prepare_transfer" or "prepare_external_transfer" && c.ResultString("status") == "awaiting_confirmation")
            {
                actionId = c.ResultString("action_id");
                kind = "transfer";
            }
            else if (c.Function == "report_fraud" && c.ResultString("suspend_action_id") is { Length: > 0 } suspend)
            {
                actionId = suspend;
                kind = "suspension";
            }
            if (actionId is null)
            {
                continue;
            }
            var decided = calls.Skip(i + 1).Any(later =>
                later.Function is "confirm_transfer" or "cancel_transfer" or "confirm_account_suspension"
                && (later.Arguments.TryGetValue("action_id", out var id) ? Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture) : null) == actionId);
            return decided ? null : new PendingConfirmation(actionId, kind, c);
        }
        return null;
    }

    /// <summary>A function result as JSON: the filters hand results over as JSON text; raw objects are serialised.</summary>
    public static JsonElement? ToJson(object? result)
    {
        try
        {
            return result switch
            {
                null => null,
                JsonElement e => e,
                string s when s.TrimStart().StartsWith('{') || s.TrimStart().StartsWith('[') => JsonDocument.Parse(s).RootElement.Clone(),
                string s => JsonSerializer.SerializeToElement(new { status = "text", message = s }),
                _ => JsonSerializer.SerializeToElement(result, ToolResultJson.Options),
            };
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(new { status = "text", message = result?.ToString() });
        }
    }
}
