using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BankingLlm.Data.Migrations;

/// <summary>
/// Extension: the <c>archive</c> schema the retention job (BankingLlm.Data.Retention.RetentionJob) moves rows into.
/// Each archive table has the live table's columns, in the same order and of the same types (<c>LIKE</c>), plus
/// <c>archived_at</c>; its primary key is the live one, so a row can be archived only once. No foreign keys: an
/// archived transaction may name an account that is still live or archived too. Not part of the EF model: the job
/// copies by column name, so a later migration that adds a column to a live table must add it here as well
/// (RetentionArchiveTests checks that every live column has its archive twin).
/// </summary>
[DbContext(typeof(BankingDbContext))]
[Migration("20261125183000_ArchiveSchema")]
public partial class ArchiveSchema : Migration
{
    private static readonly (string Table, string Key, string[] Indexed)[] Tables =
    [
        ("chat_sessions", "session_id", ["customer_id"]),
        ("chat_messages", "message_id", ["session_id"]),
        ("pending_actions", "action_id", ["customer_id", "session_id"]),
        ("transactions", "transaction_id", ["account_id", "initiated_at"]),
        ("accounts", "account_id", ["customer_id"]),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE SCHEMA IF NOT EXISTS archive;");
        foreach (var (table, key, indexed) in Tables)
        {
            migrationBuilder.Sql($"""
                CREATE TABLE archive.{table} (LIKE public.{table});
                ALTER TABLE archive.{table} ADD COLUMN archived_at timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'UTC');
                ALTER TABLE archive.{table} ADD CONSTRAINT pk_archive_{table} PRIMARY KEY ({key});
                """);
            foreach (var column in indexed)
            {
                migrationBuilder.Sql($"CREATE INDEX idx_archive_{table}_{column} ON archive.{table} ({column});");
            }
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Archived rows are the only copy of what retention removed: refuse to drop a non-empty archive.
        foreach (var (table, _, _) in Tables)
        {
            migrationBuilder.Sql($"""
                DO $$ BEGIN
                  IF EXISTS (SELECT 1 FROM archive.{table}) THEN
                    RAISE EXCEPTION 'archive.{table} holds archived rows; export them before removing the archive schema';
                  END IF;
                END $$;
                DROP TABLE archive.{table};
                """);
        }
        migrationBuilder.Sql("DROP SCHEMA archive;");
    }
}
