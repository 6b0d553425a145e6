using Npgsql;

namespace BankingLlm.Data;

/// <summary>Builds the application's data source: the seed's pool settings, automatic prepared statements, UTC sessions, the enum types.</summary>
public static class DatabaseConnection
{
    public static NpgsqlDataSource CreateDataSource(string connectionString, DatabaseOptions options)
    {
        NpgsqlConnectionStringBuilder csb;
        try
        {
            csb = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:Banking is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }
        // A setting the connection string gives itself (under either of its spellings) wins over the app's default.
        var raw = connectionString.ToUpperInvariant();
        bool Sets(params string[] keywords) => keywords.Any(k => raw.Contains(k, StringComparison.Ordinal));
        if (!Sets("MINIMUM POOL SIZE", "MINPOOLSIZE"))
        {
            csb.MinPoolSize = options.MinPoolSize;
        }
        if (!Sets("MAXIMUM POOL SIZE", "MAXPOOLSIZE"))
        {
            csb.MaxPoolSize = options.MaxPoolSize;
        }
        if (!Sets("TIMEOUT"))
        {
            csb.Timeout = options.ConnectionTimeoutSeconds;
        }
        csb.Timezone ??= "UTC";
        if (!Sets("RESET ON CLOSE", "RESETONCLOSE"))
        {
            // A pooled connection goes back as it is: the app never changes session state (no SET, temporary tables,
            // LISTEN or cursors; MaintenanceLock never pools a connection that may still hold its advisory lock), and
            // an open transaction is rolled back on close anyway. Resetting sent seven statements per connection use,
            // about eight uses per turn (measured with pg_stat_statements).
            csb.NoResetOnClose = true;
        }
        if (!Sets("AUTO PREPARE", "AUTOPREPARE"))
        {
            // Statements run twice are prepared on their connection: PostgreSQL stops parsing and planning the turn's
            // dozen queries on every turn (measured: about a third of the database's CPU per turn).
            csb.MaxAutoPrepare = options.MaxAutoPrepare;
            csb.AutoPrepareMinUsages = 2;
        }
        var builder = new NpgsqlDataSourceBuilder(csb.ConnectionString);
        // The pool's name in Npgsql's metrics (db_client_connection_pool_name): the database, not the connection string.
        builder.Name = csb.Database;
        builder.EnableDynamicJson();
        PostgresEnums.MapTo(builder);
        return builder.Build();
    }

    /// <summary>"host:port/database" for messages; never the password.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var csb = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{csb.Host}:{csb.Port}/{csb.Database}";
        }
        catch (ArgumentException)
        {
            return "(invalid connection string)";
        }
    }
}
