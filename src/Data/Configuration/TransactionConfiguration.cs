using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankingLlm.Data.Configuration;

internal sealed class TransactionConfiguration : IEntityTypeConfiguration<Transaction>
{
    public void Configure(EntityTypeBuilder<Transaction> e)
    {
        // The seed's amount rule (0.01..999,999.99) also as a constraint, so no write path can bypass it.
        e.ToTable("transactions", t => t.HasCheckConstraint("transactions_amount_check", "amount >= 0.01 AND amount <= 999999.99"));
        e.HasKey(t => t.TransactionId);
        e.Property(t => t.TransactionId).HasDefaultValueSql("gen_random_uuid()");
        e.Property(t => t.Amount).HasPrecision(15, 2);
        e.Property(t => t.CurrencyCode).HasColumnType("character(3)").HasDefaultValue("USD");
        e.Property(t => t.CounterpartyName).HasMaxLength(255);
        e.Property(t => t.CounterpartyBankName).HasMaxLength(255);
        e.Property(t => t.MerchantName).HasMaxLength(255);
        e.Property(t => t.MerchantCategoryCode).HasMaxLength(10);
        e.Property(t => t.MerchantLocation).HasMaxLength(255);
        e.Property(t => t.Status).HasDefaultValue(TransactionStatus.Pending);
        e.Property(t => t.InitiatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
        e.Property(t => t.TransactionFee).HasPrecision(10, 2).HasDefaultValue(0m);
        e.Property(t => t.ReferenceNumber).HasMaxLength(50);
        e.Property(t => t.Description).HasMaxLength(255);
        e.Property(t => t.Tags).HasColumnType("jsonb");
        e.Property(t => t.Metadata).HasColumnType("jsonb");
        e.Property(t => t.CreatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
        e.Property(t => t.UpdatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");

        e.HasOne(t => t.Account).WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Account>().WithMany().HasForeignKey(t => t.CounterpartyAccountId).OnDelete(DeleteBehavior.NoAction);

        e.HasIndex(t => t.AccountId, "idx_transactions_account_id").HasDatabaseName("idx_transactions_account_id");
        e.HasIndex(t => t.Status, "idx_transactions_status").HasDatabaseName("idx_transactions_status");
        e.HasIndex(t => t.InitiatedAt, "idx_transactions_initiated_at").HasDatabaseName("idx_transactions_initiated_at");
        e.HasIndex(t => t.ProcessedAt, "idx_transactions_processed_at").HasDatabaseName("idx_transactions_processed_at");
        e.HasIndex(t => t.Amount, "idx_transactions_amount").HasDatabaseName("idx_transactions_amount");
        e.HasIndex(t => t.AccountId, "idx_transactions_pending").HasDatabaseName("idx_transactions_pending").HasFilter("status = 'pending'");
        // The history query of the seed ("completed, last 90 days, newest first") is served by this one.
        e.HasIndex(t => new { t.AccountId, t.Status, t.InitiatedAt }, "idx_transactions_account_status_initiated").HasDatabaseName("idx_transactions_account_status_initiated");
        e.HasIndex(t => t.CounterpartyAccountId, "idx_transactions_counterparty_account_id").HasDatabaseName("idx_transactions_counterparty_account_id");
    }
}
