using System.Net;

namespace BankingLlm.Data.Entities;

/// <summary>
/// One audited action (seed table <c>audit_logs</c>). Extensions: the customer and session acted for, and a hash
/// chain (<see cref="SequenceNo"/>, <see cref="PrevHash"/>, <see cref="RowHash"/>) that makes an edited row detectable.
/// </summary>
public sealed class AuditLog
{
    public Guid LogId { get; set; }

    public Guid? UserId { get; set; }
    public string? ServiceAccount { get; set; }

    public AuditAction Action { get; set; }

    public required string EntityType { get; set; }
    public required string EntityId { get; set; }

    public string? OldValues { get; set; }
    public string? NewValues { get; set; }
    public string? ChangesSummary { get; set; }

    public IPAddress? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    public string? RequestId { get; set; }

    public AuditStatus? Status { get; set; }
    public string? ErrorMessage { get; set; }

    public DateTime? CreatedAt { get; set; }

    public bool? ComplianceRelevant { get; set; }
    public DateOnly? RetentionUntil { get; set; }

    // Extensions.
    public Guid? CustomerId { get; set; }
    public Guid? SessionId { get; set; }
    public long SequenceNo { get; set; }
    public byte[]? PrevHash { get; set; }
    public byte[]? RowHash { get; set; }
}
