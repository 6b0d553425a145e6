using System.Text.Json;
using BankingLlm.Data.Entities;

namespace BankingLlm.Data;

/// <summary>
/// The audit_logs row of a maintenance operation (retention run, anonymisation, key rotation): ids and counts only,
/// never a value. The hash-chain trigger links it like every other row; kept 10 years.
/// </summary>
public static class MaintenanceAudit
{
    public const int RetentionYears = 10;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static AuditLog Row(string serviceAccount, AuditAction action, string entityType, string entityId, object? oldValues, object? newValues,
        string outcome, DateTimeOffset now, Guid? customerId = null, AuditStatus status = AuditStatus.Success)
    {
        var utc = now.UtcDateTime;
        // timestamp columns keep microseconds; truncate so the stored value is exactly the one written.
        utc = new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
        return new AuditLog
        {
            LogId = Guid.CreateVersion7(),
            ServiceAccount = serviceAccount,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            OldValues = oldValues is null ? null : JsonSerializer.Serialize(oldValues, Json),
            NewValues = newValues is null ? null : JsonSerializer.Serialize(newValues, Json),
            ChangesSummary = JsonSerializer.Serialize(new { operation = entityType, outcome }, Json),
            Status = status,
            CreatedAt = utc,
            ComplianceRelevant = true,
            RetentionUntil = DateOnly.FromDateTime(utc).AddYears(RetentionYears),
            CustomerId = customerId,
        };
    }
}
