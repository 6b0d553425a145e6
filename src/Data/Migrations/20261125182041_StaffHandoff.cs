using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BankingLlm.Data.Migrations;

/// <summary>
/// Extension for the human handoff (docs/hub.md): chat_sessions.handled_by_user_id (the staff member who joined an
/// escalated session; null while the assistant answers) and handoff_started_at, plus a partial index on open
/// escalated sessions (the staff queue).
/// </summary>
public partial class StaffHandoff : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>(
            name: "handled_by_user_id",
            table: "chat_sessions",
            type: "uuid",
            nullable: true);

        migrationBuilder.AddColumn<DateTime>(
            name: "handoff_started_at",
            table: "chat_sessions",
            type: "timestamp without time zone",
            nullable: true);

        migrationBuilder.CreateIndex(
            name: "idx_chat_sessions_escalated_open",
            table: "chat_sessions",
            column: "last_activity_at",
            filter: "resolution_type = 'escalated' AND ended_at IS NULL");

        migrationBuilder.CreateIndex(
            name: "idx_chat_sessions_handled_by_user_id",
            table: "chat_sessions",
            column: "handled_by_user_id");

        migrationBuilder.AddForeignKey(
            name: "fk_chat_sessions_users_handled_by_user_id",
            table: "chat_sessions",
            column: "handled_by_user_id",
            principalTable: "users",
            principalColumn: "user_id");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropForeignKey(
            name: "fk_chat_sessions_users_handled_by_user_id",
            table: "chat_sessions");

        migrationBuilder.DropIndex(
            name: "idx_chat_sessions_escalated_open",
            table: "chat_sessions");

        migrationBuilder.DropIndex(
            name: "idx_chat_sessions_handled_by_user_id",
            table: "chat_sessions");

        migrationBuilder.DropColumn(
            name: "handled_by_user_id",
            table: "chat_sessions");

        migrationBuilder.DropColumn(
            name: "handoff_started_at",
            table: "chat_sessions");
    }
}
