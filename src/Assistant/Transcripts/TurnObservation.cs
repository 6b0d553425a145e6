using BankingLlm.Data.Entities;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>What a turn did, as the hub answered and the database recorded it.</summary>
public sealed class TurnObservation
{
    public string Reply { get; set; } = "";
    public string? Error { get; set; }
    /// <summary>Tool invocations of the turn from audit_logs, in order.</summary>
    public List<string> AuditedTools { get; } = [];
    /// <summary>Function calls the model made this turn (from the stored assistant messages).</summary>
    public List<string> ModelCalls { get; } = [];
    /// <summary>The tools the hub's final chunk listed.</summary>
    public List<string> HubTools { get; } = [];
    public string? Masked { get; set; }
    public List<string> PiiTypes { get; } = [];
    public Dictionary<int, decimal> Balances { get; } = [];
    public bool Pending { get; set; }
    public List<ComplianceEventType> ComplianceEvents { get; } = [];
}
