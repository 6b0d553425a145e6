using System.Text.Json;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Tools.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace BankingLlm.Tools.Audit;

/// <summary>
/// Writes the audit row of a tool invocation: either staged into the caller's DbContext so it commits in the same
/// transaction as the change (<see cref="Stage"/>), or on its own (<see cref="WriteAsync"/>). The database trigger
/// adds the row to the hash chain. Retention: 10 years from the day of the row.
/// </summary>
public sealed class AuditRecorder(
    NpgsqlDataSource dataSource,
    ICustomerContext customer,
    IOptions<BankingToolsOptions> options,
    TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public const int RetentionYears = 10;

    /// <summary>Adds the invocation's row to <paramref name="db"/> (saved with the caller's change) and marks it audited once saved.</summary>
    public AuditLog Stage(BankingDbContext db, ToolInvocation invocation, AuditStatus status, string? errorMessage = null)
    {
        var row = Build(invocation, status, errorMessage);
        db.AuditLogs.Add(row);
        return row;
    }

    /// <summary>Marks the invocation audited after the transaction holding its staged row committed.</summary>
    public static void Committed(ToolInvocation invocation) => invocation.MarkAudited();

    private const string InsertSql = """
        INSERT INTO audit_logs (log_id, user_id, service_account, action, entity_type, entity_id, old_values, new_values,
          changes_summary, request_id, status, error_message, created_at, compliance_relevant, retention_until, customer_id, session_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
        """;

    /// <summary>
    /// Writes the invocation's row on its own: one INSERT in its own implicit transaction, one round trip (the
    /// trigger chains it). The hot path of every read-only tool call, hence plain Npgsql rather than a DbContext.
    /// </summary>
    public async Task WriteAsync(ToolInvocation invocation, AuditStatus status, string? errorMessage, CancellationToken ct)
    {
        if (invocation.Audited)
        {
            return;
        }
        await InsertAsync(Build(invocation, status, errorMessage), ct).ConfigureAwait(false);
        invocation.MarkAudited();
    }

    /// <summary>Inserts a prepared row on its own.</summary>
    public async Task InsertAsync(AuditLog row, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(InsertSql);
        var p = cmd.Parameters;
        p.Add(Sql.Uuid(row.LogId));
        p.Add(Nullable(row.UserId, NpgsqlDbType.Uuid));
        p.Add(Nullable(row.ServiceAccount, NpgsqlDbType.Varchar));
        p.Add(new NpgsqlParameter<AuditAction> { TypedValue = row.Action });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.EntityType });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.EntityId });
        p.Add(Nullable(row.OldValues, NpgsqlDbType.Jsonb));
        p.Add(Nullable(row.NewValues, NpgsqlDbType.Jsonb));
        p.Add(Nullable(row.ChangesSummary, NpgsqlDbType.Jsonb));
        p.Add(Nullable(row.RequestId, NpgsqlDbType.Varchar));
        p.Add(new NpgsqlParameter<AuditStatus> { TypedValue = row.Status ?? AuditStatus.Success });
        p.Add(Nullable(row.ErrorMessage, NpgsqlDbType.Text));
        p.Add(Sql.UtcTimestamp(row.CreatedAt ?? clock.GetUtcNow().UtcDateTime));
        p.Add(new NpgsqlParameter<bool> { TypedValue = row.ComplianceRelevant ?? false });
        p.Add(Nullable(row.RetentionUntil, NpgsqlDbType.Date));
        p.Add(Nullable(row.CustomerId, NpgsqlDbType.Uuid));
        p.Add(Nullable(row.SessionId, NpgsqlDbType.Uuid));
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    /// <summary>
    /// For filters that refuse a call before it reaches the tool (scope, vault, confirmation gate): records the
    /// refused invocation with the same shape as a tool's own row.
    /// </summary>
    public Task WriteRefusalAsync(string pluginName, string functionName, IReadOnlyDictionary<string, object?> arguments, string reason, CancellationToken ct)
    {
        var invocation = new ToolInvocation(pluginName, functionName, MaskArguments(arguments)) { Outcome = "refused" };
        return WriteAsync(invocation, AuditStatus.Failure, reason, ct);
    }

    public static Dictionary<string, string?> MaskArguments(IEnumerable<KeyValuePair<string, object?>> arguments) =>
        arguments.ToDictionary(a => a.Key, a => AuditMasker.MaskArgument(a.Key, a.Value), StringComparer.Ordinal);

    internal AuditLog Build(ToolInvocation invocation, AuditStatus status, string? errorMessage)
    {
        var session = customer.Current;
        var now = clock.GetUtcNow().UtcDateTime;
        // timestamp columns keep microseconds; truncate so the stored value is exactly the one written.
        now = new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
        return new AuditLog
        {
            LogId = Guid.CreateVersion7(),
            ServiceAccount = session?.ServiceAccount ?? options.Value.ServiceAccount,
            Action = invocation.Action,
            EntityType = Truncate(invocation.EntityType, 100),
            EntityId = Truncate(invocation.EntityId, 100),
            OldValues = Serialize(invocation.OldValues),
            NewValues = Serialize(invocation.NewValues),
            ChangesSummary = JsonSerializer.Serialize(new
            {
                tool = invocation.ToolName,
                outcome = invocation.Outcome ?? (status == AuditStatus.Success ? "ok" : "failed"),
                arguments = invocation.MaskedArguments,
                channel = session?.Channel?.ToString(),
            }, Json),
            RequestId = session?.RequestId is { } r ? Truncate(r, 100) : null,
            Status = status,
            ErrorMessage = errorMessage is null ? null : Truncate(errorMessage, 1000),
            CreatedAt = now,
            ComplianceRelevant = invocation.ComplianceRelevant,
            RetentionUntil = DateOnly.FromDateTime(now).AddYears(RetentionYears),
            CustomerId = session?.CustomerId,
            SessionId = session?.SessionId,
        };
    }

    private static string? Serialize(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => JsonSerializer.Serialize(value, Json),
    };

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
