using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankingLlm.Data.Configuration;

internal sealed class ComplianceEventConfiguration : IEntityTypeConfiguration<ComplianceEvent>
{
    public void Configure(EntityTypeBuilder<ComplianceEvent> e)
    {
        e.ToTable("compliance_events");
        e.HasKey(c => c.EventId);
        e.Property(c => c.EventId).HasDefaultValueSql("gen_random_uuid()");
        e.Property(c => c.Severity).HasDefaultValue(ComplianceSeverity.Medium);
        e.Property(c => c.Findings).HasColumnType("jsonb");
        e.Property(c => c.RiskScore).HasPrecision(5, 2);
        e.Property(c => c.RecommendedAction).HasMaxLength(255);
        e.Property(c => c.SarFiled).HasDefaultValue(false);
        e.Property(c => c.CtrFiled).HasDefaultValue(false);
        e.Property(c => c.DetectedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
        e.Property(c => c.CreatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");

        e.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Transaction>().WithMany().HasForeignKey(c => c.TransactionId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<User>().WithMany().HasForeignKey(c => c.ReviewedBy).OnDelete(DeleteBehavior.NoAction);

        e.HasIndex(c => c.CustomerId, "idx_compliance_events_customer_id").HasDatabaseName("idx_compliance_events_customer_id");
        e.HasIndex(c => c.EventType, "idx_compliance_events_event_type").HasDatabaseName("idx_compliance_events_event_type");
        e.HasIndex(c => c.Severity, "idx_compliance_events_severity").HasDatabaseName("idx_compliance_events_severity");
        e.HasIndex(c => c.Status, "idx_compliance_events_status").HasDatabaseName("idx_compliance_events_status");
        e.HasIndex(c => c.AccountId, "idx_compliance_events_account_id").HasDatabaseName("idx_compliance_events_account_id");
        e.HasIndex(c => c.TransactionId, "idx_compliance_events_transaction_id").HasDatabaseName("idx_compliance_events_transaction_id");
        e.HasIndex(c => c.ReviewedBy, "idx_compliance_events_reviewed_by").HasDatabaseName("idx_compliance_events_reviewed_by");
    }
}
