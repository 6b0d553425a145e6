namespace BankingLlm.Data.Entities;

/// <summary>One PII detection (seed table <c>pii_detection_results</c>): a keyed hash of the value, never the value.</summary>
public sealed class PiiDetectionResult
{
    public Guid ResultId { get; set; }

    public PiiSourceType? SourceType { get; set; }
    public string? SourceId { get; set; }

    public PiiType? PiiType { get; set; }
    public string? DetectedValueHash { get; set; }
    public decimal? ConfidenceScore { get; set; }

    public PiiAction? ActionTaken { get; set; }

    public string? ContextBefore { get; set; }
    public string? ContextAfter { get; set; }

    public DateTime? DetectedAt { get; set; }

    public Guid? AuditLogId { get; set; }
}
