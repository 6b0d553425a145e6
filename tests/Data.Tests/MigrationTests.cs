using BankingLlm.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BankingLlm.Data.Tests;

public sealed class MigrationTests
{
    private static readonly string[] SeedTables =
        ["customers", "accounts", "transactions", "audit_logs", "pii_detection_results", "chat_sessions", "compliance_events", "api_keys", "users"];

    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_are_idempotent()
    {
        await using var fixture = new DataFixture();
        await fixture.InitializeAsync(migrate: false);
        var migrator = fixture.Get<DatabaseMigrator>();

        Assert.NotEmpty(await migrator.PendingAsync());
        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.NotEmpty(first);
        Assert.Empty(second);
        Assert.Empty(await migrator.PendingAsync());

        await using var conn = await fixture.Get<NpgsqlDataSource>().OpenConnectionAsync();
        foreach (var table in SeedTables.Concat(["chat_messages", "pending_actions", "pii_vault"]))
        {
            await using var cmd = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", conn) { Parameters = { new() { Value = "public." + table } } };
            Assert.True((bool)(await cmd.ExecuteScalarAsync())!, $"table {table} missing");
        }
    }

    [Theory]
    [InlineData("kyc_status", "pending,approved,rejected,expired")]
    [InlineData("account_type", "checking,savings,money_market,credit_card,loan,investment")]
    [InlineData("transaction_status", "pending,completed,failed,reversed,scheduled")]
    [InlineData("pii_type", "ssn,credit_card,bank_account,phone,email,address,passport,drivers_license,account_number")]
    [InlineData("resolution_type", "resolved,escalated,incomplete,no_action")]
    public async Task Seed_enums_are_postgres_enum_types_with_the_seed_labels(string type, string labels)
    {
        await using var fixture = new DataFixture();
        await fixture.InitializeAsync();
        await using var conn = await fixture.Get<NpgsqlDataSource>().OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("SELECT array_agg(e.enumlabel::text) FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1", conn)
        {
            Parameters = { new() { Value = type } },
        };
        var actual = (string[])(await cmd.ExecuteScalarAsync())!;
        Assert.Equal(labels.Split(',').Order(), actual.Order());
    }

    [Fact]
    public async Task Seed_indexes_and_constraints_exist_with_their_seed_names()
    {
        await using var fixture = new DataFixture();
        await fixture.InitializeAsync();
        await using var conn = await fixture.Get<NpgsqlDataSource>().OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' UNION ALL SELECT conname FROM pg_constraint", conn);
        var names = new HashSet<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }
        string[] expected =
        [
            "idx_customers_email", "idx_customers_ssn_hash", "idx_customers_status", "idx_customers_kyc_status", "idx_customers_created_at",
            "idx_accounts_customer_id", "idx_accounts_account_number", "idx_accounts_status", "idx_accounts_opened_date",
            "idx_transactions_account_id", "idx_transactions_status", "idx_transactions_initiated_at", "idx_transactions_processed_at",
            "idx_transactions_amount", "idx_transactions_pending", "idx_transactions_account_status_initiated",
            "idx_audit_logs_user_id", "idx_audit_logs_entity_type", "idx_audit_logs_action", "idx_audit_logs_created_at", "idx_audit_logs_request_id",
            "idx_pii_results_source_type", "idx_pii_results_pii_type", "idx_pii_results_detected_at",
            "idx_chat_sessions_customer_id", "idx_chat_sessions_session_status", "idx_chat_sessions_started_at",
            "idx_compliance_events_customer_id", "idx_compliance_events_event_type", "idx_compliance_events_severity", "idx_compliance_events_status",
            "idx_api_keys_key_hash", "idx_api_keys_organization_id", "idx_api_keys_status",
            "age_check", "balance_check", "joint_account_check",
        ];
        Assert.All(expected, name => Assert.Contains(name, names));
    }
}
