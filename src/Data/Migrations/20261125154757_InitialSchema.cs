using System;
using System.Net;
using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BankingLlm.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:account_status", "active,closed,dormant,suspended")
                .Annotation("Npgsql:Enum:account_type", "checking,credit_card,investment,loan,money_market,savings")
                .Annotation("Npgsql:Enum:aml_status", "blocked,clear,flagged")
                .Annotation("Npgsql:Enum:api_key_status", "active,expired,revoked")
                .Annotation("Npgsql:Enum:audit_action", "approve,create,delete,export,read,reject,update,verify")
                .Annotation("Npgsql:Enum:audit_status", "failure,success")
                .Annotation("Npgsql:Enum:chat_channel", "api,mobile,voice,web")
                .Annotation("Npgsql:Enum:chat_message_role", "assistant,staff,system,tool,user")
                .Annotation("Npgsql:Enum:compliance_event_type", "aml_screening,kyc_verification,pep_match,policy_violation,sanctions_hit,suspicious_activity,transaction_monitoring")
                .Annotation("Npgsql:Enum:compliance_severity", "critical,high,low,medium")
                .Annotation("Npgsql:Enum:compliance_status", "escalated,open,resolved,under_review")
                .Annotation("Npgsql:Enum:conversation_type", "account_inquiry,complaint,fraud_report,general_inquiry,kyc_verification,transaction_request")
                .Annotation("Npgsql:Enum:customer_segment", "corporate,retail,sme")
                .Annotation("Npgsql:Enum:customer_status", "active,closed,inactive,suspended")
                .Annotation("Npgsql:Enum:id_document_type", "drivers_license,national_id,passport")
                .Annotation("Npgsql:Enum:kyc_status", "approved,expired,pending,rejected")
                .Annotation("Npgsql:Enum:ownership_type", "business,individual,joint,trust")
                .Annotation("Npgsql:Enum:pending_action_status", "cancelled,executed,expired,failed,held,pending")
                .Annotation("Npgsql:Enum:pep_status", "clear,match,rejected")
                .Annotation("Npgsql:Enum:pii_action", "allowed,encrypted,flagged,masked,rejected")
                .Annotation("Npgsql:Enum:pii_source_type", "api_call,chat,document,transaction")
                .Annotation("Npgsql:Enum:pii_type", "account_number,address,bank_account,credit_card,drivers_license,email,passport,phone,ssn")
                .Annotation("Npgsql:Enum:resolution_type", "escalated,incomplete,no_action,resolved")
                .Annotation("Npgsql:Enum:risk_level", "critical,high,low,medium")
                .Annotation("Npgsql:Enum:session_status", "abandoned,active,completed,flagged")
                .Annotation("Npgsql:Enum:staff_role", "admin,agent,auditor,compliance_officer,supervisor")
                .Annotation("Npgsql:Enum:transaction_status", "completed,failed,pending,reversed,scheduled")
                .Annotation("Npgsql:Enum:transaction_type", "credit,debit,deposit,fee,interest,payment,transfer,withdrawal")
                .Annotation("Npgsql:PostgresExtension:pgcrypto", ",,");

            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    email = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    first_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    last_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    middle_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    date_of_birth = table.Column<DateOnly>(type: "date", nullable: false),
                    gender = table.Column<char>(type: "character(1)", nullable: true),
                    street_address = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    state_province = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    postal_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    country_code = table.Column<string>(type: "character(2)", nullable: false),
                    kyc_status = table.Column<KycStatus>(type: "kyc_status", nullable: true, defaultValue: KycStatus.Pending),
                    kyc_verification_date = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    aml_status = table.Column<AmlStatus>(type: "aml_status", nullable: true, defaultValue: AmlStatus.Clear),
                    pep_status = table.Column<PepStatus>(type: "pep_status", nullable: true, defaultValue: PepStatus.Clear),
                    risk_level = table.Column<RiskLevel>(type: "risk_level", nullable: true, defaultValue: RiskLevel.Medium),
                    ssn_encrypted = table.Column<byte[]>(type: "bytea", nullable: false),
                    ssn_hash = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    id_document_type = table.Column<IdDocumentType>(type: "id_document_type", nullable: true),
                    id_document_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    id_expiry_date = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<CustomerStatus>(type: "customer_status", nullable: true, defaultValue: CustomerStatus.Active),
                    customer_segment = table.Column<CustomerSegment>(type: "customer_segment", nullable: true, defaultValue: CustomerSegment.Retail),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true, defaultValueSql: "CURRENT_TIMESTAMP"),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true, defaultValueSql: "CURRENT_TIMESTAMP"),
                    deleted_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    preferred_language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true, defaultValue: "en"),
                    marketing_consent = table.Column<bool>(type: "boolean", nullable: true, defaultValue: false),
                    communication_preferences = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customers", x => x.customer_id);
                    table.CheckConstraint("age_check", "DATE_PART('year', AGE(date_of_birth)) >= 18");
                    table.CheckConstraint("customers_email_check", "email ~ '^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$'");
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    email = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    full_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<StaffRole>(type: "staff_role", nullable: false),
                    department = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    password_hash = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false, defaultValue: true),
                    last_login_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true, defaultValueSql: "CURRENT_TIMESTAMP"),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true, defaultValueSql: "CURRENT_TIMESTAMP")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    account_id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    account_type = table.Column<AccountType>(type: "account_type", nullable: false),
                    account_subtype = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    balance = table.Column<decimal>(type: "numeric(15,2)", precision: 15, scale: 2, nullable: false, defaultValue: 0m),
                    available_balance = table.Column<decimal>(type: "numeric(15,2)", precision: 15, scale: 2, nullable: false, defaultValue: 0m),
                    pending_balance = table.Column<decimal>(type: "numeric(15,2)", precision: 15, scale: 2, nullable: false, defaultValue: 0m),
                    credit_limit = table.Column<decimal>(type: "numeric(15,2)", precision: 15, scale: 2, nullable: true),
                    interest_rate = table.Column<decimal>(type: "numeric(5,3)", precision: 5, scale: 3, nullable: true),
                    annual_percentage_rate = table.Column<decimal>(type: "numeric(5,3)", precision: 5, scale: 3, nullable: true),
                    minimum_balance = table.Column<decimal>(type: "numeric(15,2)", precision: 15, scale: 2, nullable: true),
                    overdraft_protection = table.Column<bool>(type: "boolean", nullable: true, defaultValue: false),
                    primary_owner = table.Column<Guid>(type: "uuid", nullable: false),
                    secondary_owner = table.Column<Guid>(type: "uuid", nullable: true),
                    ownership_type = table.Column<OwnershipType>(type: "ownership_type", nullable: true),
                    status = table.Column<AccountStatus>(type: "account_status", nullable: true, defaultValue: AccountStatus.Active),
                    opened_date = table.Column<DateOnly>(type: "date", nullable: false),
                    closed_date = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true, defaultValueSql: "CURRENT_TIMESTAMP"),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true, defaultValueSql: "CURRENT_TIMESTAMP"),
                    nickname = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts", x => x.account_id);
                    table.CheckConstraint("accounts_account_number_check", "account_number ~ '^[A-Za-z0-9]{16,20}$'");
                    table.CheckConstraint("balance_check", "balance >= 0 OR account_type = 'credit_card'");
                    table.CheckConstraint("joint_account_check", "(ownership_type = 'joint' AND secondary_owner IS NOT NULL) OR (ownership_type != 'joint' AND secondary_owner IS NULL)");
                    table.ForeignKey(
                        name: "fk_accounts_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "customer_id");
                    table.ForeignKey(
                        name: "fk_accounts_customers_primary_owner",
                        column: x => x.primary_owner,
                        principalTable: "customers",
                        principalColumn: "customer_id");
                    table.ForeignKey(
                        name: "fk_accounts_customers_secondary_owner",
                        column: x => x.secondary_owner,
                        principalTable: "customers",
                        principalColumn: "customer_id");
                });

            migrationBuilder.CreateTable(
                name: "chat_sessions",
                columns: table => new
                {
                    session_id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_status = table.Column<SessionStatus>(type: "session_status", nullable: true, defaultValue: SessionStatus.Active),
                    conversation_type = table.Column<ConversationType>(type: "conversation_type", nullable: true),
                    messages_count = table.Column<int>(type: "integer", nullable: true, defaultValue: 0),
                    message_summary = table.Column<string>(type: "jsonb", nullable: true),
                    model_used = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    model_version = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    confidence_scores = table.Column<decimal[]>(type: "numeric(3,2)[]", nullable: true),
                    started_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true, defaultValueSql: "CURRENT_TIMESTAMP"),
                    last_activity_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true, defaultValueSql: "CURRENT_TIMESTAMP"),
                    ended_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    duration_seconds = table.Column<int>(type: "integer", nullable: true),
                    resolution_type = table.Column<ResolutionType>(type: "resolution_type", nullable: true),
                    device_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    channel = table.Column<ChatChannel>(type: "chat_channel", nullable: true),
                    tags = table.Column<string>(type: "jsonb", nullable: true),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chat_sessions", x => x.session_id);
                    table.ForeignKey(
                        name: "fk_chat_sessions_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "customer_id");
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    key_id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    key_hash = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    key_prefix = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    scopes = table.Column<string[]>(type: "text[]", nullable: false),
                    status = table.Column<ApiKeyStatus>(type: "api_key_status", nullable: true, defaultValue: ApiKeyStatus.Active),
                    requests_per_minute = table.Column<int>(type: "integer", nullable: true, defaultValue: 100),
                    requests_per_hour = table.Column<int>(type: "integer", nullable: true, defaultValue: 5000),
                    requests_per_day = table.Column<int>(type: "integer", nullable: true, defaultValue: 50000),
                    total_requests = table.Column<int>(type: "integer", nullable: true, defaultValue: 0),
                    last_used_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true, defaultValueSql: "CURRENT_TIMESTAMP"),
                    expires_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    tags = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.key_id);
                    table.ForeignKey(
                        name: "fk_api_keys_users_created_by",
                        column: x => x.created_by,
                        principalTable: "users",
                        principalColumn: "user_id");
                });

            migrationBuilder.CreateTable(
                name: "audit_logs",
                columns: table => new
                {
                    log_id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    service_account = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    action = table.Column<AuditAction>(type: "audit_action", nullable: false),
                    entity_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entity_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    old_values = table.Column<string>(type: "jsonb", nullable: true),
                    new_values = table.Column<string>(type: "jsonb", nullable: true),
                    changes_summary = table.Column<string>(type: "jsonb", nullable: true),
                    ip_address = table.Column<IPAddress>(type: "inet", nullable: true),
                    user_agent = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    request_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status = table.Column<AuditStatus>(type: "audit_status", nullable: true, defaultValue: AuditStatus.Success),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true, defaultValueSql: "CURRENT_TIMESTAMP"),
                    compliance_relevant = table.Column<bool>(type: "boolean", nullable: true, defaultValue: false),
                    retention_until = table.Column<DateOnly>(type: "date", nullable: true),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    sequence_no = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    prev_hash = table.Column<byte[]>(type: "bytea", nullable: true),
                    row_hash = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_logs", x => x.log_id);
                    table.ForeignKey(
                        name: "fk_audit_logs_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "user_id");
                });

            migrationBuilder.CreateTable(
                name: "transactions",
                columns: table => new
                {
                    transaction_id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    transaction_type = table.Column<TransactionType>(type: "transaction_type", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(15,2)", precision: 15, scale: 2, nullable: false),
                    currency_code = table.Column<string>(type: "character(3)", nullable: true, defaultValue: "USD"),
                    counterparty_account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    counterparty_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    counterparty_bank_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    merchant_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    merchant_category_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    merchant_location = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    status = table.Column<TransactionStatus>(type: "transaction_status", nullable: true, defaultValue: TransactionStatus.Pending),
                    initiated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP"),
                    processed_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    settlement_date = table.Column<DateOnly>(type: "date", nullable: true),
                    transaction_fee = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: true, defaultValue: 0m),
                    reference_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    description = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    tags = table.Column<string>(type: "jsonb", nullable: true),
                    metadata = table.Column<string>(type: "jsonb", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true, defaultValueSql: "CURRENT_TIMESTAMP"),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true, defaultValueSql: "CURRENT_TIMESTAMP")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transactions", x => x.transaction_id);
                    table.CheckConstraint("transactions_amount_check", "amount >= 0.01 AND amount <= 999999.99");
                    table.ForeignKey(
                        name: "fk_transactions_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "account_id");
                    table.ForeignKey(
                        name: "fk_transactions_accounts_counterparty_account_id",
                        column: x => x.counterparty_account_id,
                        principalTable: "accounts",
                        principalColumn: "account_id");
                });

            migrationBuilder.CreateTable(
                name: "chat_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    role = table.Column<ChatMessageRole>(type: "chat_message_role", nullable: false),
                    masked_text = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false),
                    tool_calls = table.Column<string>(type: "jsonb", nullable: true),
                    token_count = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chat_messages", x => x.message_id);
                    table.ForeignKey(
                        name: "fk_chat_messages_chat_sessions_session_id",
                        column: x => x.session_id,
                        principalTable: "chat_sessions",
                        principalColumn: "session_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pii_vault",
                columns: table => new
                {
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ciphertext = table.Column<byte[]>(type: "bytea", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pii_vault", x => x.session_id);
                    table.ForeignKey(
                        name: "fk_pii_vault_chat_sessions_session_id",
                        column: x => x.session_id,
                        principalTable: "chat_sessions",
                        principalColumn: "session_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pii_detection_results",
                columns: table => new
                {
                    result_id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    source_type = table.Column<PiiSourceType>(type: "pii_source_type", nullable: true),
                    source_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    pii_type = table.Column<PiiType>(type: "pii_type", nullable: true),
                    detected_value_hash = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    confidence_score = table.Column<decimal>(type: "numeric(3,2)", precision: 3, scale: 2, nullable: true),
                    action_taken = table.Column<PiiAction>(type: "pii_action", nullable: true, defaultValue: PiiAction.Masked),
                    context_before = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    context_after = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    detected_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true, defaultValueSql: "CURRENT_TIMESTAMP"),
                    audit_log_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pii_detection_results", x => x.result_id);
                    table.ForeignKey(
                        name: "fk_pii_detection_results_audit_logs_audit_log_id",
                        column: x => x.audit_log_id,
                        principalTable: "audit_logs",
                        principalColumn: "log_id");
                });

            migrationBuilder.CreateTable(
                name: "compliance_events",
                columns: table => new
                {
                    event_id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    event_type = table.Column<ComplianceEventType>(type: "compliance_event_type", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    transaction_id = table.Column<Guid>(type: "uuid", nullable: true),
                    severity = table.Column<ComplianceSeverity>(type: "compliance_severity", nullable: true, defaultValue: ComplianceSeverity.Medium),
                    status = table.Column<ComplianceStatus>(type: "compliance_status", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    findings = table.Column<string>(type: "jsonb", nullable: true),
                    risk_score = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    recommended_action = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    reviewed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    review_notes = table.Column<string>(type: "text", nullable: true),
                    reviewed_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    sar_filed = table.Column<bool>(type: "boolean", nullable: true, defaultValue: false),
                    sar_date = table.Column<DateOnly>(type: "date", nullable: true),
                    ctr_filed = table.Column<bool>(type: "boolean", nullable: true, defaultValue: false),
                    ctr_date = table.Column<DateOnly>(type: "date", nullable: true),
                    detected_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true, defaultValueSql: "CURRENT_TIMESTAMP"),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true, defaultValueSql: "CURRENT_TIMESTAMP")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_compliance_events", x => x.event_id);
                    table.ForeignKey(
                        name: "fk_compliance_events_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "account_id");
                    table.ForeignKey(
                        name: "fk_compliance_events_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "customer_id");
                    table.ForeignKey(
                        name: "fk_compliance_events_transactions_transaction_id",
                        column: x => x.transaction_id,
                        principalTable: "transactions",
                        principalColumn: "transaction_id");
                    table.ForeignKey(
                        name: "fk_compliance_events_users_reviewed_by",
                        column: x => x.reviewed_by,
                        principalTable: "users",
                        principalColumn: "user_id");
                });

            migrationBuilder.CreateTable(
                name: "pending_actions",
                columns: table => new
                {
                    action_id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    status = table.Column<PendingActionStatus>(type: "pending_action_status", nullable: false),
                    from_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    amount = table.Column<decimal>(type: "numeric(15,2)", precision: 15, scale: 2, nullable: false),
                    currency_code = table.Column<string>(type: "character(3)", nullable: true, defaultValue: "USD"),
                    payload = table.Column<string>(type: "jsonb", nullable: true),
                    summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP"),
                    expires_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    decided_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    result_transaction_id = table.Column<Guid>(type: "uuid", nullable: true),
                    failure_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pending_actions", x => x.action_id);
                    table.CheckConstraint("pending_actions_amount_check", "amount >= 0.01 AND amount <= 999999.99");
                    table.ForeignKey(
                        name: "fk_pending_actions_accounts_from_account_id",
                        column: x => x.from_account_id,
                        principalTable: "accounts",
                        principalColumn: "account_id");
                    table.ForeignKey(
                        name: "fk_pending_actions_accounts_to_account_id",
                        column: x => x.to_account_id,
                        principalTable: "accounts",
                        principalColumn: "account_id");
                    table.ForeignKey(
                        name: "fk_pending_actions_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "customer_id");
                    table.ForeignKey(
                        name: "fk_pending_actions_transactions_result_transaction_id",
                        column: x => x.result_transaction_id,
                        principalTable: "transactions",
                        principalColumn: "transaction_id");
                });

            migrationBuilder.CreateIndex(
                name: "idx_accounts_account_number",
                table: "accounts",
                column: "account_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_accounts_customer_id",
                table: "accounts",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "idx_accounts_opened_date",
                table: "accounts",
                column: "opened_date");

            migrationBuilder.CreateIndex(
                name: "idx_accounts_primary_owner",
                table: "accounts",
                column: "primary_owner");

            migrationBuilder.CreateIndex(
                name: "idx_accounts_secondary_owner",
                table: "accounts",
                column: "secondary_owner");

            migrationBuilder.CreateIndex(
                name: "idx_accounts_status",
                table: "accounts",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "idx_api_keys_created_by",
                table: "api_keys",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "idx_api_keys_key_hash",
                table: "api_keys",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_api_keys_organization_id",
                table: "api_keys",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "idx_api_keys_status",
                table: "api_keys",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "idx_audit_logs_action",
                table: "audit_logs",
                column: "action");

            migrationBuilder.CreateIndex(
                name: "idx_audit_logs_created_at",
                table: "audit_logs",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "idx_audit_logs_customer_id",
                table: "audit_logs",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "idx_audit_logs_entity_type",
                table: "audit_logs",
                column: "entity_type");

            migrationBuilder.CreateIndex(
                name: "idx_audit_logs_request_id",
                table: "audit_logs",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "idx_audit_logs_sequence_no",
                table: "audit_logs",
                column: "sequence_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_audit_logs_session_id",
                table: "audit_logs",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "idx_audit_logs_user_id",
                table: "audit_logs",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "idx_chat_messages_session_sequence",
                table: "chat_messages",
                columns: new[] { "session_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_chat_sessions_customer_id",
                table: "chat_sessions",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "idx_chat_sessions_session_status",
                table: "chat_sessions",
                column: "session_status");

            migrationBuilder.CreateIndex(
                name: "idx_chat_sessions_started_at",
                table: "chat_sessions",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "idx_compliance_events_account_id",
                table: "compliance_events",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "idx_compliance_events_customer_id",
                table: "compliance_events",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "idx_compliance_events_event_type",
                table: "compliance_events",
                column: "event_type");

            migrationBuilder.CreateIndex(
                name: "idx_compliance_events_reviewed_by",
                table: "compliance_events",
                column: "reviewed_by");

            migrationBuilder.CreateIndex(
                name: "idx_compliance_events_severity",
                table: "compliance_events",
                column: "severity");

            migrationBuilder.CreateIndex(
                name: "idx_compliance_events_status",
                table: "compliance_events",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "idx_compliance_events_transaction_id",
                table: "compliance_events",
                column: "transaction_id");

            migrationBuilder.CreateIndex(
                name: "idx_customers_created_at",
                table: "customers",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "idx_customers_email",
                table: "customers",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_customers_kyc_status",
                table: "customers",
                column: "kyc_status");

            migrationBuilder.CreateIndex(
                name: "idx_customers_ssn_hash",
                table: "customers",
                column: "ssn_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_customers_status",
                table: "customers",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "idx_pending_actions_customer_status",
                table: "pending_actions",
                columns: new[] { "customer_id", "status" });

            migrationBuilder.CreateIndex(
                name: "idx_pending_actions_from_account_id",
                table: "pending_actions",
                column: "from_account_id");

            migrationBuilder.CreateIndex(
                name: "idx_pending_actions_result_transaction_id",
                table: "pending_actions",
                column: "result_transaction_id");

            migrationBuilder.CreateIndex(
                name: "idx_pending_actions_session_id",
                table: "pending_actions",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "idx_pending_actions_to_account_id",
                table: "pending_actions",
                column: "to_account_id");

            migrationBuilder.CreateIndex(
                name: "idx_pii_results_audit_log_id",
                table: "pii_detection_results",
                column: "audit_log_id");

            migrationBuilder.CreateIndex(
                name: "idx_pii_results_detected_at",
                table: "pii_detection_results",
                column: "detected_at");

            migrationBuilder.CreateIndex(
                name: "idx_pii_results_pii_type",
                table: "pii_detection_results",
                column: "pii_type");

            migrationBuilder.CreateIndex(
                name: "idx_pii_results_source_type",
                table: "pii_detection_results",
                column: "source_type");

            migrationBuilder.CreateIndex(
                name: "idx_transactions_account_id",
                table: "transactions",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "idx_transactions_account_status_initiated",
                table: "transactions",
                columns: new[] { "account_id", "status", "initiated_at" });

            migrationBuilder.CreateIndex(
                name: "idx_transactions_amount",
                table: "transactions",
                column: "amount");

            migrationBuilder.CreateIndex(
                name: "idx_transactions_counterparty_account_id",
                table: "transactions",
                column: "counterparty_account_id");

            migrationBuilder.CreateIndex(
                name: "idx_transactions_initiated_at",
                table: "transactions",
                column: "initiated_at");

            migrationBuilder.CreateIndex(
                name: "idx_transactions_pending",
                table: "transactions",
                column: "account_id",
                filter: "status = 'pending'");

            migrationBuilder.CreateIndex(
                name: "idx_transactions_processed_at",
                table: "transactions",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "idx_transactions_status",
                table: "transactions",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "idx_users_email",
                table: "users",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_users_role",
                table: "users",
                column: "role");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "chat_messages");

            migrationBuilder.DropTable(
                name: "compliance_events");

            migrationBuilder.DropTable(
                name: "pending_actions");

            migrationBuilder.DropTable(
                name: "pii_detection_results");

            migrationBuilder.DropTable(
                name: "pii_vault");

            migrationBuilder.DropTable(
                name: "transactions");

            migrationBuilder.DropTable(
                name: "audit_logs");

            migrationBuilder.DropTable(
                name: "chat_sessions");

            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "customers");
        }
    }
}
