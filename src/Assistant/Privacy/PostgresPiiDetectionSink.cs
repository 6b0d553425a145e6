using BankingLlm.Assistant.Telemetry;
using BankingLlm.Data;
using BankingLlm.PiiGuard;
using BankingLlm.Data.Entities;
using BankingLlm.PiiGuard.Recording;
using BankingLlm.Tools.Audit;
using Microsoft.EntityFrameworkCore;
using DataPiiAction = BankingLlm.Data.Entities.PiiAction;
using DataPiiType = BankingLlm.Data.Entities.PiiType;
using GuardPiiAction = BankingLlm.PiiGuard.Recording.PiiAction;
using GuardPiiType = BankingLlm.PiiGuard.PiiType;

namespace BankingLlm.Assistant.Privacy;

/// <summary>
/// Records a message's detections: one audit_logs row for the message and one pii_detection_results row per
/// detection linked to it, in one transaction. Rows hold the keyed hash and masked context, never a value.
/// </summary>
public sealed class PostgresPiiDetectionSink(IDbContextFactory<BankingDbContext> contexts, AuditRecorder audit, AssistantTelemetry telemetry) : IPiiDetectionSink
{
    public async Task RecordAsync(IReadOnlyList<PiiDetectionRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return;
        }
        var first = records[0];
        var invocation = new ToolInvocation("pii_guard", "detect", new Dictionary<string, string?>())
        {
            Action = AuditAction.Create,
            EntityType = "pii_detection",
            EntityId = first.SourceId ?? first.SessionId,
            NewValues = new { count = records.Count, types = records.Select(r => r.Type.ToString()).Distinct().ToArray() },
            ComplianceRelevant = true,
            Outcome = "masked",
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = audit.Stage(db, invocation, AuditStatus.Success);
        foreach (var r in records)
        {
            db.PiiDetectionResults.Add(new PiiDetectionResult
            {
                ResultId = Guid.CreateVersion7(),
                SourceType = r.SourceType switch
                {
                    "transaction" => PiiSourceType.Transaction,
                    "document" => PiiSourceType.Document,
                    "api_call" => PiiSourceType.ApiCall,
                    _ => PiiSourceType.Chat,
                },
                SourceId = Truncate(r.SourceId ?? r.SessionId, 100),
                PiiType = Map(r.Type),
                DetectedValueHash = Truncate(r.ValueHash, 256),
                ConfidenceScore = Math.Round((decimal)Math.Clamp(r.Confidence, 0, 0.99), 2),
                ActionTaken = Map(r.Action),
                ContextBefore = Truncate(r.ContextBefore, 500),
                ContextAfter = Truncate(r.ContextAfter, 500),
                DetectedAt = r.DetectedAt.UtcDateTime,
                AuditLogId = row.LogId,
            });
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        AuditRecorder.Committed(invocation);
        foreach (var type in records.GroupBy(r => r.Type))
        {
            telemetry.PiiDetected(type.Key.ToWireName(), type.Count());
        }
    }

    private static DataPiiType Map(GuardPiiType type) => Enum.Parse<DataPiiType>(type.ToString());

    private static DataPiiAction Map(GuardPiiAction action) => Enum.TryParse<DataPiiAction>(action.ToString(), out var a) ? a : DataPiiAction.Masked;

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
