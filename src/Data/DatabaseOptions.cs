using System.ComponentModel.DataAnnotations;

namespace BankingLlm.Data;

/// <summary>Database behaviour. The connection string itself is <c>ConnectionStrings:Banking</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "Banking";

    /// <summary>Apply pending migrations at start. Default: only for the private cluster; a shared server migrates with `db migrate`.</summary>
    public bool? MigrateOnStart { get; set; }

    /// <summary>Seed demo data at start when the database has no customers. Default: only for the private cluster.</summary>
    public bool? SeedDemoDataOnStart { get; set; }

    /// <summary>Pool bounds (seed: min 5, max 20 + 10 overflow, 30 s timeout); used when the connection string does not set them.</summary>
    [Range(0, 1000)]
    public int MinPoolSize { get; set; } = 5;

    [Range(1, 1000)]
    public int MaxPoolSize { get; set; } = 30;

    [Range(1, 600)]
    public int ConnectionTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Statements each pooled connection keeps prepared (Npgsql "Max Auto Prepare"); used when the connection string
    /// does not set it. 0 turns automatic preparation off, which a pooler in transaction mode without prepared-statement
    /// support (PgBouncer before 1.21, or max_prepared_statements = 0) needs.
    /// </summary>
    [Range(0, 1000)]
    public int MaxAutoPrepare { get; set; } = 64;

    /// <summary>Set by the launcher when it started the private cluster.</summary>
    public bool UsesPrivateCluster { get; set; }
}
