using BankingLlm.PiiGuard.Vault;
using BankingLlm.Tools.Scope;

namespace BankingLlm.Assistant.Agent;

/// <summary>
/// One customer turn as the agent runs it: who (from the credential, never from the model), the session's vault,
/// and the pending action the customer confirmed in this very turn (set by the host from the customer's own words
/// or an explicit ConfirmAction call; the model cannot set it).
/// </summary>
public sealed class AgentTurn
{
    public required CustomerSession Customer { get; init; }

    public required PiiVault Vault { get; init; }

    /// <summary>The action the customer confirmed in this turn; money moves only for it.</summary>
    public Guid? ConfirmedActionId { get; init; }

    /// <summary>Account nicknames of the customer, so the offline model recognises them.</summary>
    public IReadOnlyCollection<string> AccountNicknames { get; init; } = [];

    /// <summary>
    /// Where a streaming model's reply text goes as it arrives (masked text from the model, before the output guard;
    /// the host guards it). Null: the reply is only returned whole.
    /// </summary>
    public Func<string, CancellationToken, ValueTask>? ReplyDeltas { get; init; }

    /// <summary>Tools invoked this turn, in order, as plugin.function.</summary>
    public List<string> ToolsCalled { get; } = [];
}
