using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankingLlm.Data.Configuration;

internal sealed class AuditLogConfiguration : IEntityTypeConfiguration<AuditLog>
{
    public void Configure(EntityTypeBuilder<AuditLog> e)
    {
        e.ToTable("audit_logs");
        e.HasKey(a => a.LogId);
        e.Property(a => a.LogId).HasDefaultValueSql("gen_random_uuid()");
        e.Property(a => a.ServiceAccount).HasMaxLength(100);
        e.Property(a => a.EntityType).HasMaxLength(100);
        e.Property(a => a.EntityId).HasMaxLength(100);
        e.Property(a => a.OldValues).HasColumnType("jsonb");
        e.Property(a => a.NewValues).HasColumnType("jsonb");
        e.Property(a => a.ChangesSummary).HasColumnType("jsonb");
        e.Property(a => a.IpAddress).HasColumnType("inet");
        e.Property(a => a.UserAgent).HasMaxLength(500);
        e.Property(a => a.RequestId).HasMaxLength(100);
        e.Property(a => a.Status).HasDefaultValue(AuditStatus.Success);
        e.Property(a => a.CreatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
        e.Property(a => a.ComplianceRelevant).HasDefaultValue(false);
        // Hash chain: the sequence orders the chain; customer/session ids carry no FK so that audit rows
        // (kept 10 years) never block the retention of sessions (90 days) or anonymisation of customers.
        e.Property(a => a.SequenceNo).UseIdentityByDefaultColumn();

        e.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.NoAction);

        e.HasIndex(a => a.UserId, "idx_audit_logs_user_id").HasDatabaseName("idx_audit_logs_user_id");
        e.HasIndex(a => a.EntityType, "idx_audit_logs_entity_type").HasDatabaseName("idx_audit_logs_entity_type");
        e.HasIndex(a => a.Action, "idx_audit_logs_action").HasDatabaseName("idx_audit_logs_action");
        e.HasIndex(a => a.CreatedAt, "idx_audit_logs_created_at").HasDatabaseName("idx_audit_logs_created_at");
        e.HasIndex(a => a.RequestId, "idx_audit_logs_request_id").HasDatabaseName("idx_audit_logs_request_id");
        e.HasIndex(a => a.SequenceNo, "idx_audit_logs_sequence_no").HasDatabaseName("idx_audit_logs_sequence_no").IsUnique();
        e.HasIndex(a => a.CustomerId, "idx_audit_logs_customer_id").HasDatabaseName("idx_audit_logs_customer_id");
        e.HasIndex(a => a.SessionId, "idx_audit_logs_session_id").HasDatabaseName("idx_audit_logs_session_id");
    }
}
