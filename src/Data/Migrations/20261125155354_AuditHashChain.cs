using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BankingLlm.Data.Migrations;

/// <summary>
/// Extension: the audit hash chain. A BEFORE INSERT trigger on audit_logs appends every row to one linear chain,
/// whoever writes it (tools, PII guard, CLI): under a transaction-scoped advisory lock it reads the newest row's
/// hash, gives the row the next sequence number (so sequence order is chain order even when transactions commit
/// out of order), and sets row_hash = SHA-256(canonical row content || prev_hash). The canonical content is the
/// jsonb text of the row's columns, which PostgreSQL renders deterministically. An edited, inserted or deleted row
/// breaks the chain; `audit verify` (BankingLlm.Tools.Audit.AuditChainVerifier) finds the first broken row.
/// Writers must use READ COMMITTED (the default) so the newest row is visible once the lock is held; the trigger
/// refuses other isolation levels rather than fork the chain. Existing rows are chained in sequence order.
/// </summary>
public partial class AuditHashChain : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION audit_log_hash(r audit_logs, prev bytea) RETURNS bytea
            LANGUAGE sql STABLE AS $$
              SELECT sha256(convert_to(jsonb_build_array(
                  r.log_id, r.sequence_no, r.user_id, r.service_account, r.action, r.entity_type, r.entity_id,
                  r.old_values, r.new_values, r.changes_summary, r.ip_address, r.user_agent, r.request_id,
                  r.status, r.error_message, r.created_at, r.compliance_relevant, r.retention_until,
                  r.customer_id, r.session_id)::text, 'UTF8') || coalesce(prev, '\x'::bytea))
            $$;
            """);
        migrationBuilder.Sql("""
            CREATE FUNCTION audit_logs_chain() RETURNS trigger
            LANGUAGE plpgsql AS $$
            DECLARE
              prev bytea;
            BEGIN
              IF current_setting('transaction_isolation') <> 'read committed' THEN
                RAISE EXCEPTION 'audit_logs rows must be written in a READ COMMITTED transaction (hash chain)';
              END IF;
              PERFORM pg_advisory_xact_lock(7243018562);
              SELECT a.row_hash INTO prev FROM audit_logs a ORDER BY a.sequence_no DESC LIMIT 1;
              NEW.sequence_no := nextval(pg_get_serial_sequence('audit_logs', 'sequence_no'));
              NEW.created_at := coalesce(NEW.created_at, (now() AT TIME ZONE 'UTC'));
              NEW.prev_hash := prev;
              NEW.row_hash := audit_log_hash(NEW, prev);
              RETURN NEW;
            END
            $$;
            """);
        migrationBuilder.Sql("""
            DO $$
            DECLARE
              r audit_logs;
              prev bytea := NULL;
            BEGIN
              FOR r IN SELECT * FROM audit_logs ORDER BY sequence_no LOOP
                UPDATE audit_logs SET prev_hash = prev, row_hash = audit_log_hash(r, prev) WHERE log_id = r.log_id
                  RETURNING row_hash INTO prev;
              END LOOP;
            END
            $$;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER audit_logs_chain BEFORE INSERT ON audit_logs
              FOR EACH ROW EXECUTE FUNCTION audit_logs_chain();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_logs_chain ON audit_logs;");
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_logs_chain();");
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_log_hash(audit_logs, bytea);");
    }
}
