using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankingLlm.Data.Configuration;

internal sealed class PendingActionConfiguration : IEntityTypeConfiguration<PendingAction>
{
    public void Configure(EntityTypeBuilder<PendingAction> e)
    {
        e.ToTable("pending_actions", t =>
            t.HasCheckConstraint("pending_actions_amount_check", "amount >= 0.01 AND amount <= 999999.99"));
        e.HasKey(p => p.ActionId);
        e.Property(p => p.ActionId).HasDefaultValueSql("gen_random_uuid()");
        e.Property(p => p.Kind).HasMaxLength(50);
        e.Property(p => p.Amount).HasPrecision(15, 2);
        e.Property(p => p.CurrencyCode).HasColumnType("character(3)").HasDefaultValue("USD");
        e.Property(p => p.Payload).HasColumnType("jsonb");
        e.Property(p => p.Summary).HasMaxLength(500);
        e.Property(p => p.CreatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
        e.Property(p => p.FailureReason).HasMaxLength(500);

        e.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Account>().WithMany().HasForeignKey(p => p.FromAccountId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Account>().WithMany().HasForeignKey(p => p.ToAccountId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Transaction>().WithMany().HasForeignKey(p => p.ResultTransactionId).OnDelete(DeleteBehavior.NoAction);

        e.HasIndex(p => new { p.CustomerId, p.Status }, "idx_pending_actions_customer_status").HasDatabaseName("idx_pending_actions_customer_status");
        e.HasIndex(p => p.SessionId, "idx_pending_actions_session_id").HasDatabaseName("idx_pending_actions_session_id");
        e.HasIndex(p => p.FromAccountId, "idx_pending_actions_from_account_id").HasDatabaseName("idx_pending_actions_from_account_id");
        e.HasIndex(p => p.ToAccountId, "idx_pending_actions_to_account_id").HasDatabaseName("idx_pending_actions_to_account_id");
        e.HasIndex(p => p.ResultTransactionId, "idx_pending_actions_result_transaction_id").HasDatabaseName("idx_pending_actions_result_transaction_id");
    }
}
