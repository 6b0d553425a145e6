using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Tools.Audit;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Tools.Compliance;

/// <summary>A staff member is not allowed the requested compliance operation (or is unknown or inactive).</summary>
public sealed class StaffAccessDeniedException : Exception
{
    public StaffAccessDeniedException() : base("Access denied.")
    {
    }

    public StaffAccessDeniedException(string message) : base(message)
    {
    }

    public StaffAccessDeniedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>A compliance event as staff see it.</summary>
public sealed record ComplianceEventItem(
    Guid EventId, string EventType, string Severity, string Status, Guid? CustomerId, Guid? AccountId, Guid? TransactionId,
    string? Description, string? Findings, decimal? RiskScore, string? RecommendedAction, DateTime? DetectedAt,
    Guid? ReviewedBy, DateTime? ReviewedAt, string? ReviewNotes);

/// <summary>
/// Staff-side review of compliance events (no agent access: not a plugin). Reading needs role compliance_officer,
/// admin or auditor; reviewing needs compliance_officer or admin. Every call, allowed or denied, is audited with the
/// staff member's user id.
/// </summary>
public sealed class ComplianceReviewService(IDbContextFactory<BankingDbContext> contexts, AuditRecorder audit, TimeProvider clock)
{
    public static readonly IReadOnlySet<StaffRole> ReadRoles = new HashSet<StaffRole> { StaffRole.ComplianceOfficer, StaffRole.Admin, StaffRole.Auditor };
    public static readonly IReadOnlySet<StaffRole> ReviewRoles = new HashSet<StaffRole> { StaffRole.ComplianceOfficer, StaffRole.Admin };

    public async Task<IReadOnlyList<ComplianceEventItem>> ListAsync(string staffEmail, ComplianceStatus? status = null, ComplianceEventType? type = null, int limit = 50, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var staff = await AuthorizeAsync(db, staffEmail, ReadRoles, "list", null, ct).ConfigureAwait(false);
        var q = db.ComplianceEvents.AsNoTracking().AsQueryable();
        if (status is { } s)
        {
            q = q.Where(e => e.Status == s);
        }
        if (type is { } t)
        {
            q = q.Where(e => e.EventType == t);
        }
        var rows = await q.OrderByDescending(e => e.DetectedAt).ThenByDescending(e => e.EventId).Take(Math.Clamp(limit, 1, 1000))
            .ToListAsync(ct).ConfigureAwait(false);
        var invocation = StaffInvocation("list", AuditAction.Read, "compliance_event", "list");
        invocation.NewValues = new { rows = rows.Count, status = status?.ToString(), type = type?.ToString() };
        await WriteAsync(db, staff.UserId, invocation, AuditStatus.Success, null, ct).ConfigureAwait(false);
        return rows.Select(ToItem).ToList();
    }

    public async Task<ComplianceEventItem> ReviewAsync(string staffEmail, Guid eventId, ComplianceStatus newStatus, string notes, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(notes))
        {
            throw new ArgumentException("Review notes are required.", nameof(notes));
        }
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var staff = await AuthorizeAsync(db, staffEmail, ReviewRoles, "review", eventId, ct).ConfigureAwait(false);
        var ev = await db.ComplianceEvents.FirstOrDefaultAsync(e => e.EventId == eventId, ct).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"No compliance event {eventId}.");
        var invocation = StaffInvocation("review", AuditAction.Approve, "compliance_event", eventId.ToString());
        invocation.OldValues = new { status = ev.Status?.ToString(), reviewed_by = ev.ReviewedBy };
        ev.Status = newStatus;
        ev.ReviewedBy = staff.UserId;
        ev.ReviewedAt = clock.GetUtcNow().UtcDateTime;
        ev.ReviewNotes = notes.Length > 4000 ? notes[..4000] : notes;
        invocation.NewValues = new { status = newStatus.ToString(), reviewed_by = staff.UserId, notes_length = ev.ReviewNotes.Length };
        var row = audit.Build(invocation, AuditStatus.Success, null);
        row.UserId = staff.UserId;
        row.ServiceAccount = "staff-cli";
        db.AuditLogs.Add(row);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return ToItem(ev);
    }

    private async Task<User> AuthorizeAsync(BankingDbContext db, string email, IReadOnlySet<StaffRole> roles, string operation, Guid? eventId, CancellationToken ct)
    {
        var normalized = (email ?? "").Trim().ToLowerInvariant();
        var staff = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email.ToLower() == normalized, ct).ConfigureAwait(false);
        if (staff is { IsActive: true } && roles.Contains(staff.Role))
        {
            return staff;
        }
        var invocation = StaffInvocation(operation, operation == "list" ? AuditAction.Read : AuditAction.Approve, "compliance_event", eventId?.ToString() ?? "list");
        invocation.Outcome = "denied";
        await WriteAsync(db, staff?.UserId, invocation, AuditStatus.Failure, "access denied", ct).ConfigureAwait(false);
        throw new StaffAccessDeniedException($"Access denied: {operation} of compliance events needs role {string.Join(" or ", roles.Select(r => r.ToString()))}.");
    }

    private async Task WriteAsync(BankingDbContext db, Guid? userId, ToolInvocation invocation, AuditStatus status, string? error, CancellationToken ct)
    {
        var row = audit.Build(invocation, status, error);
        row.UserId = userId;
        row.ServiceAccount = "staff-cli";
        db.AuditLogs.Add(row);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private static ToolInvocation StaffInvocation(string operation, AuditAction action, string entityType, string entityId) =>
        new("compliance_review", operation, new Dictionary<string, string?>())
        {
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            ComplianceRelevant = true,
        };

    private static ComplianceEventItem ToItem(ComplianceEvent e) => new(
        e.EventId, e.EventType.ToString(), (e.Severity ?? ComplianceSeverity.Medium).ToString(), (e.Status ?? ComplianceStatus.Open).ToString(),
        e.CustomerId, e.AccountId, e.TransactionId, e.Description, e.Findings, e.RiskScore, e.RecommendedAction, e.DetectedAt,
        e.ReviewedBy, e.ReviewedAt, e.ReviewNotes);
}
