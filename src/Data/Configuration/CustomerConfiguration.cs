using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankingLlm.Data.Configuration;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> e)
    {
        e.ToTable("customers", t =>
        {
            t.HasCheckConstraint("age_check", "DATE_PART('year', AGE(date_of_birth)) >= 18");
            // The seed's e-mail rule, enforced by the database as well as by EmailValidator.
            t.HasCheckConstraint("customers_email_check", "email ~ '^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$'");
        });
        e.HasKey(c => c.CustomerId);
        e.Property(c => c.CustomerId).HasDefaultValueSql("gen_random_uuid()");
        e.Property(c => c.Email).HasMaxLength(255);
        e.Property(c => c.Phone).HasMaxLength(20);
        e.Property(c => c.FirstName).HasMaxLength(100);
        e.Property(c => c.LastName).HasMaxLength(100);
        e.Property(c => c.MiddleName).HasMaxLength(100);
        e.Property(c => c.Gender).HasColumnType("character(1)");
        e.Property(c => c.StreetAddress).HasMaxLength(255);
        e.Property(c => c.City).HasMaxLength(100);
        e.Property(c => c.StateProvince).HasMaxLength(100);
        e.Property(c => c.PostalCode).HasMaxLength(20);
        e.Property(c => c.CountryCode).HasColumnType("character(2)");
        e.Property(c => c.KycStatus).HasDefaultValue(KycStatus.Pending);
        e.Property(c => c.AmlStatus).HasDefaultValue(AmlStatus.Clear);
        e.Property(c => c.PepStatus).HasDefaultValue(PepStatus.Clear);
        e.Property(c => c.RiskLevel).HasDefaultValue(RiskLevel.Medium);
        e.Property(c => c.SsnEncrypted).IsRequired();
        e.Property(c => c.SsnHash).HasMaxLength(256).IsRequired();
        e.Property(c => c.IdDocumentNumber).HasMaxLength(50);
        e.Property(c => c.Status).HasDefaultValue(CustomerStatus.Active);
        e.Property(c => c.CustomerSegment).HasDefaultValue(CustomerSegment.Retail);
        e.Property(c => c.CreatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
        e.Property(c => c.UpdatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
        e.Property(c => c.PreferredLanguage).HasMaxLength(10).HasDefaultValue("en");
        e.Property(c => c.MarketingConsent).HasDefaultValue(false);
        e.Property(c => c.CommunicationPreferences).HasColumnType("jsonb");

        // The seed declares email and ssn_hash UNIQUE and also indexes them; one unique index carries both.
        e.HasIndex(c => c.Email, "idx_customers_email").HasDatabaseName("idx_customers_email").IsUnique();
        e.HasIndex(c => c.SsnHash, "idx_customers_ssn_hash").HasDatabaseName("idx_customers_ssn_hash").IsUnique();
        e.HasIndex(c => c.Status, "idx_customers_status").HasDatabaseName("idx_customers_status");
        e.HasIndex(c => c.KycStatus, "idx_customers_kyc_status").HasDatabaseName("idx_customers_kyc_status");
        e.HasIndex(c => c.CreatedAt, "idx_customers_created_at").HasDatabaseName("idx_customers_created_at");
    }
}
