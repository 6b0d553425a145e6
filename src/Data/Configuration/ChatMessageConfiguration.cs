using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankingLlm.Data.Configuration;

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> e)
    {
        e.ToTable("chat_messages");
        e.HasKey(m => m.MessageId);
        e.Property(m => m.MessageId).HasDefaultValueSql("gen_random_uuid()");
        e.Property(m => m.MaskedText).HasMaxLength(16000);
        e.Property(m => m.ToolCalls).HasColumnType("jsonb");
        e.Property(m => m.CreatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");

        e.HasOne<ChatSession>().WithMany(s => s.Messages).HasForeignKey(m => m.SessionId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(m => new { m.SessionId, m.Sequence }, "idx_chat_messages_session_sequence").HasDatabaseName("idx_chat_messages_session_sequence").IsUnique();
    }
}
