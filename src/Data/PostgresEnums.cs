using BankingLlm.Data.Entities;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace BankingLlm.Data;

/// <summary>
/// The one list of PostgreSQL enum types. Registered on the ADO.NET data source (for COPY and raw SQL) and on the
/// EF model (for migrations and queries) from the same place, so the two can never disagree.
/// </summary>
public static class PostgresEnums
{
    public static void MapTo(NpgsqlDataSourceBuilder builder) => Register(new DataSourceRegistrar(builder));

    public static void MapTo(NpgsqlDbContextOptionsBuilder builder) => Register(new EfRegistrar(builder));

    private static void Register(IRegistrar r)
    {
        r.Map<KycStatus>("kyc_status");
        r.Map<AmlStatus>("aml_status");
        r.Map<PepStatus>("pep_status");
        r.Map<RiskLevel>("risk_level");
        r.Map<IdDocumentType>("id_document_type");
        r.Map<CustomerStatus>("customer_status");
        r.Map<CustomerSegment>("customer_segment");
        r.Map<AccountType>("account_type");
        r.Map<OwnershipType>("ownership_type");
        r.Map<AccountStatus>("account_status");
        r.Map<TransactionType>("transaction_type");
        r.Map<TransactionStatus>("transaction_status");
        r.Map<AuditAction>("audit_action");
        r.Map<AuditStatus>("audit_status");
        r.Map<PiiSourceType>("pii_source_type");
        r.Map<PiiType>("pii_type");
        r.Map<PiiAction>("pii_action");
        r.Map<SessionStatus>("session_status");
        r.Map<ConversationType>("conversation_type");
        r.Map<ResolutionType>("resolution_type");
        r.Map<ChatChannel>("chat_channel");
        r.Map<ComplianceEventType>("compliance_event_type");
        r.Map<ComplianceSeverity>("compliance_severity");
        r.Map<ComplianceStatus>("compliance_status");
        r.Map<ApiKeyStatus>("api_key_status");
        r.Map<StaffRole>("staff_role");
        r.Map<ChatMessageRole>("chat_message_role");
        r.Map<PendingActionStatus>("pending_action_status");
    }

    private interface IRegistrar
    {
        void Map<T>(string name) where T : struct, Enum;
    }

    private sealed class DataSourceRegistrar(NpgsqlDataSourceBuilder builder) : IRegistrar
    {
        public void Map<T>(string name) where T : struct, Enum => builder.MapEnum<T>(name);
    }

    private sealed class EfRegistrar(NpgsqlDbContextOptionsBuilder builder) : IRegistrar
    {
        public void Map<T>(string name) where T : struct, Enum => builder.MapEnum<T>(name);
    }
}
