using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankingLlm.Data.Configuration;

internal sealed class PiiDetectionResultConfiguration : IEntityTypeConfiguration<PiiDetectionResult>
{
    public void Configure(EntityTypeBuilder<PiiDetectionResult> e)
    {
        e.ToTable("pii_detection_results");
        e.HasKey(p => p.ResultId);
        e.Property(p => p.ResultId).HasDefaultValueSql("gen_random_uuid()");
        e.Property(p => p.SourceId).HasMaxLength(100);
        e.Property(p => p.DetectedValueHash).HasMaxLength(256);
        e.Property(p => p.ConfidenceScore).HasPrecision(3, 2);
        e.Property(p => p.ActionTaken).HasDefaultValue(PiiAction.Masked);
        e.Property(p => p.ContextBefore).HasMaxLength(500);
        e.Property(p => p.ContextAfter).HasMaxLength(500);
        e.Property(p => p.DetectedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");

        e.HasOne<AuditLog>().WithMany().HasForeignKey(p => p.AuditLogId).OnDelete(DeleteBehavior.NoAction);

        e.HasIndex(p => p.SourceType, "idx_pii_results_source_type").HasDatabaseName("idx_pii_results_source_type");
        e.HasIndex(p => p.PiiType, "idx_pii_results_pii_type").HasDatabaseName("idx_pii_results_pii_type");
        e.HasIndex(p => p.DetectedAt, "idx_pii_results_detected_at").HasDatabaseName("idx_pii_results_detected_at");
        e.HasIndex(p => p.AuditLogId, "idx_pii_results_audit_log_id").HasDatabaseName("idx_pii_results_audit_log_id");
    }
}
