using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankingLlm.Data.Configuration;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> e)
    {
        e.ToTable("api_keys");
        e.HasKey(k => k.KeyId);
        e.Property(k => k.KeyId).HasDefaultValueSql("gen_random_uuid()");
        e.Property(k => k.KeyHash).HasMaxLength(256);
        e.Property(k => k.KeyPrefix).HasMaxLength(20);
        e.Property(k => k.Scopes).HasColumnType("text[]").IsRequired();
        e.Property(k => k.Status).HasDefaultValue(ApiKeyStatus.Active);
        e.Property(k => k.RequestsPerMinute).HasDefaultValue(100);
        e.Property(k => k.RequestsPerHour).HasDefaultValue(5000);
        e.Property(k => k.RequestsPerDay).HasDefaultValue(50000);
        e.Property(k => k.TotalRequests).HasDefaultValue(0);
        e.Property(k => k.CreatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
        e.Property(k => k.Name).HasMaxLength(255);
        e.Property(k => k.Tags).HasColumnType("jsonb");

        e.HasOne<User>().WithMany().HasForeignKey(k => k.CreatedBy).OnDelete(DeleteBehavior.NoAction);

        e.HasIndex(k => k.KeyHash, "idx_api_keys_key_hash").HasDatabaseName("idx_api_keys_key_hash").IsUnique();
        e.HasIndex(k => k.OrganizationId, "idx_api_keys_organization_id").HasDatabaseName("idx_api_keys_organization_id");
        e.HasIndex(k => k.Status, "idx_api_keys_status").HasDatabaseName("idx_api_keys_status");
        e.HasIndex(k => k.CreatedBy, "idx_api_keys_created_by").HasDatabaseName("idx_api_keys_created_by");
    }
}
