using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankingLlm.Data.Configuration;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> e)
    {
        e.ToTable("accounts", t =>
        {
            t.HasCheckConstraint("balance_check", "balance >= 0 OR account_type = 'credit_card'");
            t.HasCheckConstraint("joint_account_check",
                "(ownership_type = 'joint' AND secondary_owner IS NOT NULL) OR (ownership_type != 'joint' AND secondary_owner IS NULL)");
            t.HasCheckConstraint("accounts_account_number_check", "account_number ~ '^[A-Za-z0-9]{16,20}$'");
        });
        e.HasKey(a => a.AccountId);
        e.Property(a => a.AccountId).HasDefaultValueSql("gen_random_uuid()");
        e.Property(a => a.AccountNumber).HasMaxLength(20);
        e.Property(a => a.AccountSubtype).HasMaxLength(50);
        e.Property(a => a.Balance).HasPrecision(15, 2).HasDefaultValue(0m);
        e.Property(a => a.AvailableBalance).HasPrecision(15, 2).HasDefaultValue(0m);
        e.Property(a => a.PendingBalance).HasPrecision(15, 2).HasDefaultValue(0m);
        e.Property(a => a.CreditLimit).HasPrecision(15, 2);
        e.Property(a => a.InterestRate).HasPrecision(5, 3);
        e.Property(a => a.AnnualPercentageRate).HasPrecision(5, 3);
        e.Property(a => a.MinimumBalance).HasPrecision(15, 2);
        e.Property(a => a.OverdraftProtection).HasDefaultValue(false);
        e.Property(a => a.Status).HasDefaultValue(AccountStatus.Active);
        e.Property(a => a.CreatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
        e.Property(a => a.UpdatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
        e.Property(a => a.Nickname).HasMaxLength(50);

        e.HasOne(a => a.Customer).WithMany(c => c.Accounts).HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Customer>().WithMany().HasForeignKey(a => a.PrimaryOwner).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<Customer>().WithMany().HasForeignKey(a => a.SecondaryOwner).OnDelete(DeleteBehavior.NoAction);

        e.HasIndex(a => a.CustomerId, "idx_accounts_customer_id").HasDatabaseName("idx_accounts_customer_id");
        e.HasIndex(a => a.AccountNumber, "idx_accounts_account_number").HasDatabaseName("idx_accounts_account_number").IsUnique();
        e.HasIndex(a => a.Status, "idx_accounts_status").HasDatabaseName("idx_accounts_status");
        e.HasIndex(a => a.OpenedDate, "idx_accounts_opened_date").HasDatabaseName("idx_accounts_opened_date");
        e.HasIndex(a => a.PrimaryOwner, "idx_accounts_primary_owner").HasDatabaseName("idx_accounts_primary_owner");
        e.HasIndex(a => a.SecondaryOwner, "idx_accounts_secondary_owner").HasDatabaseName("idx_accounts_secondary_owner");
    }
}
