using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BankingLlm.Data.Configuration;

internal sealed class ChatSessionConfiguration : IEntityTypeConfiguration<ChatSession>
{
    public void Configure(EntityTypeBuilder<ChatSession> e)
    {
        e.ToTable("chat_sessions");
        e.HasKey(s => s.SessionId);
        e.Property(s => s.SessionId).HasDefaultValueSql("gen_random_uuid()");
        e.Property(s => s.SessionStatus).HasDefaultValue(SessionStatus.Active);
        e.Property(s => s.MessagesCount).HasDefaultValue(0);
        e.Property(s => s.MessageSummary).HasColumnType("jsonb");
        e.Property(s => s.ModelUsed).HasMaxLength(100);
        e.Property(s => s.ModelVersion).HasMaxLength(50);
        e.Property(s => s.ConfidenceScores).HasColumnType("numeric(3,2)[]");
        e.Property(s => s.StartedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
        e.Property(s => s.LastActivityAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
        e.Property(s => s.DeviceType).HasMaxLength(50);
        e.Property(s => s.Tags).HasColumnType("jsonb");
        e.Property(s => s.Language).HasMaxLength(10);

        e.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.NoAction);
        e.HasOne<User>().WithMany().HasForeignKey(s => s.HandledByUserId).OnDelete(DeleteBehavior.NoAction);

        e.HasIndex(s => s.CustomerId, "idx_chat_sessions_customer_id").HasDatabaseName("idx_chat_sessions_customer_id");
        e.HasIndex(s => s.SessionStatus, "idx_chat_sessions_session_status").HasDatabaseName("idx_chat_sessions_session_status");
        e.HasIndex(s => s.StartedAt, "idx_chat_sessions_started_at").HasDatabaseName("idx_chat_sessions_started_at");
        // The staff queue: open escalated sessions.
        e.HasIndex(s => s.LastActivityAt, "idx_chat_sessions_escalated_open").HasDatabaseName("idx_chat_sessions_escalated_open")
            .HasFilter("resolution_type = 'escalated' AND ended_at IS NULL");
        e.HasIndex(s => s.HandledByUserId, "idx_chat_sessions_handled_by_user_id").HasDatabaseName("idx_chat_sessions_handled_by_user_id");
    }
}
