namespace BankingLlm.Data.Entities;

/// <summary>A KYC/AML/monitoring event (seed table <c>compliance_events</c>). Never shown to the customer.</summary>
public sealed class ComplianceEvent
{
    public Guid EventId { get; set; }

    public ComplianceEventType EventType { get; set; }

    public Guid? CustomerId { get; set; }
    public Guid? AccountId { get; set; }
    public Guid? TransactionId { get; set; }

    public ComplianceSeverity? Severity { get; set; }
    public ComplianceStatus? Status { get; set; }

    public string? Description { get; set; }
    public string? Findings { get; set; }

    public decimal? RiskScore { get; set; }
    public string? RecommendedAction { get; set; }

    public Guid? ReviewedBy { get; set; }
    public string? ReviewNotes { get; set; }
    public DateTime? ReviewedAt { get; set; }

    public bool? SarFiled { get; set; }
    public DateOnly? SarDate { get; set; }
    public bool? CtrFiled { get; set; }
    public DateOnly? CtrDate { get; set; }

    public DateTime? DetectedAt { get; set; }
    public DateTime? CreatedAt { get; set; }
}
