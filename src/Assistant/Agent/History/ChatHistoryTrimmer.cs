using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Agent.History;

/// <summary>
/// Trims a chat history to a token budget. Pure and deterministic: the input is not changed, no I/O.
/// </summary>
/// <remarks>
/// Rules, in order:
/// <list type="number">
/// <item>System messages are always kept.</item>
/// <item>The current turn — the latest user message and everything after it (the tool rounds of this turn) — is
/// always kept.</item>
/// <item>A message marked with <see cref="HistoryMetadata.PendingActionId"/> is always kept.</item>
/// <item>An assistant message carrying <see cref="FunctionCallContent"/> and the tool messages carrying the matching
/// <see cref="FunctionResultContent"/> (same call id) form one unit: kept together or dropped together. Keeping one
/// member (for example a pending confirmation in a tool result) keeps the whole unit.</item>
/// <item>Otherwise whole turns (a user message and the replies up to the next user message) are dropped, oldest
/// first, until the history fits.</item>
/// </list>
/// If the always-kept messages alone exceed the budget they are kept anyway and
/// <see cref="HistoryTrimResult.RequiredExceedsBudget"/> says so.
/// </remarks>
public sealed class ChatHistoryTrimmer
{
    private const int SystemTurn = -1;

    private readonly ChatTokenCounter _counter;

    /// <summary>Creates a trimmer that counts with <paramref name="counter"/>.</summary>
    public ChatHistoryTrimmer(ChatTokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        _counter = counter;
    }

    /// <summary>Returns <paramref name="history"/> trimmed to <paramref name="budgetTokens"/> by the rules above.</summary>
    public HistoryTrimResult Trim(ChatHistory history, int budgetTokens)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budgetTokens);

        var count = history.Count;
        var tokens = new int[count];
        var total = ChatTokenCounter.TokensPerReplyPriming;
        for (var i = 0; i < count; i++)
        {
            tokens[i] = _counter.CountMessage(history[i]);
            total += tokens[i];
        }

        if (total <= budgetTokens)
        {
            return new HistoryTrimResult(new ChatHistory(history), total, budgetTokens, DroppedMessages: 0, RequiredExceedsBudget: false);
        }

        var units = new Units(count);
        PairFunctionCallsWithResults(history, units);

        var turns = AssignTurns(history, out var latestUser);
        var pinned = new bool[count];
        for (var i = 0; i < count; i++)
        {
            if (turns[i] == SystemTurn || (latestUser >= 0 && i >= latestUser) || HistoryMetadata.IsPendingConfirmation(history[i]))
            {
                pinned[units.Find(i)] = true;
            }
        }

        var unitTokens = new int[count];
        for (var i = 0; i < count; i++)
        {
            unitTokens[units.Find(i)] += tokens[i];
        }

        // Drop whole turns, oldest first; check the budget only between turns so no turn is left half there.
        var dropped = new bool[count];
        var previousTurn = int.MinValue;
        for (var i = 0; i < count; i++)
        {
            if (turns[i] == SystemTurn)
            {
                continue;
            }

            if (turns[i] != previousTurn)
            {
                if (total <= budgetTokens)
                {
                    break;
                }

                previousTurn = turns[i];
            }

            var root = units.Find(i);
            if (!pinned[root] && !dropped[root])
            {
                dropped[root] = true;
                total -= unitTokens[root];
            }
        }

        var kept = new ChatHistory();
        var droppedMessages = 0;
        for (var i = 0; i < count; i++)
        {
            if (dropped[units.Find(i)])
            {
                droppedMessages++;
            }
            else
            {
                kept.Add(history[i]);
            }
        }

        return new HistoryTrimResult(kept, total, budgetTokens, droppedMessages, RequiredExceedsBudget: total > budgetTokens);
    }

    private static int[] AssignTurns(ChatHistory history, out int latestUser)
    {
        var turns = new int[history.Count];
        var turn = 0;
        latestUser = -1;
        for (var i = 0; i < history.Count; i++)
        {
            var role = history[i].Role;
            if (role == AuthorRole.System || role == AuthorRole.Developer)
            {
                turns[i] = SystemTurn;
                continue;
            }

            if (role == AuthorRole.User)
            {
                turn++;
                latestUser = i;
            }

            turns[i] = turn;
        }

        return turns;
    }

    private static void PairFunctionCallsWithResults(ChatHistory history, Units units)
    {
        var callers = new Dictionary<string, int>(StringComparer.Ordinal);
        var lastCaller = -1;
        for (var i = 0; i < history.Count; i++)
        {
            var items = history[i].Items;
            for (var j = 0; j < items.Count; j++)
            {
                switch (items[j])
                {
                    case FunctionCallContent call:
                        if (call.Id is { Length: > 0 } id)
                        {
                            callers[id] = i;
                        }

                        lastCaller = i;
                        break;

                    case FunctionResultContent result:
                        if (result.CallId is { Length: > 0 } callId && callers.TryGetValue(callId, out var caller))
                        {
                            units.Union(i, caller);
                        }
                        else if (result.CallId is null && lastCaller >= 0)
                        {
                            // A result without a call id (some custom services omit it) belongs to the latest call.
                            units.Union(i, lastCaller);
                        }

                        break;
                }
            }
        }
    }

    /// <summary>Union-find over message indices; a set is a unit kept or dropped as a whole.</summary>
    private sealed class Units
    {
        private readonly int[] _parent;

        public Units(int count)
        {
            _parent = new int[count];
            for (var i = 0; i < count; i++)
            {
                _parent[i] = i;
            }
        }

        public int Find(int i)
        {
            while (_parent[i] != i)
            {
                _parent[i] = _parent[_parent[i]];
                i = _parent[i];
            }

            return i;
        }

        public void Union(int a, int b)
        {
            var rootA = Find(a);
            var rootB = Find(b);
            if (rootA != rootB)
            {
                // The lower index becomes the root, so a unit is identified by its first message.
                _parent[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
            }
        }
    }
}
