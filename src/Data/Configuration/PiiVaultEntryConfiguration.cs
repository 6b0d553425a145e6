using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankingLlm.Data.Configuration;

internal sealed class PiiVaultEntryConfiguration : IEntityTypeConfiguration<PiiVaultEntry>
{
    public void Configure(EntityTypeBuilder<PiiVaultEntry> e)
    {
        e.ToTable("pii_vault");
        e.HasKey(v => v.SessionId);
        e.Property(v => v.Ciphertext).IsRequired();
        e.Property(v => v.UpdatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
        e.HasOne<ChatSession>().WithOne().HasForeignKey<PiiVaultEntry>(v => v.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
