using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankingLlm.Data.Configuration;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> e)
    {
        e.ToTable("users");
        e.HasKey(u => u.UserId);
        e.Property(u => u.UserId).HasDefaultValueSql("gen_random_uuid()");
        e.Property(u => u.Email).HasMaxLength(255);
        e.Property(u => u.FullName).HasMaxLength(200);
        e.Property(u => u.Department).HasMaxLength(100);
        e.Property(u => u.PasswordHash).HasMaxLength(100);
        e.Property(u => u.IsActive).HasDefaultValue(true);
        e.Property(u => u.CreatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
        e.Property(u => u.UpdatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");

        e.HasIndex(u => u.Email, "idx_users_email").HasDatabaseName("idx_users_email").IsUnique();
        e.HasIndex(u => u.Role, "idx_users_role").HasDatabaseName("idx_users_role");
    }
}
