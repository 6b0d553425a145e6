using Npgsql;

namespace BankingLlm.Data;

/// <summary>Builds the application's data source: the seed's pool settings, UTC sessions, the enum types.</summary>
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
        var raw = connectionString.ToUpperInvariant();
        if (!raw.Contains("MINIMUM POOL SIZE", StringComparison.Ordinal) && !raw.Contains("MINPOOLSIZE", StringComparison.Ordinal))
        {
            csb.MinPoolSize = options.MinPoolSize;
        }
        if (!raw.Contains("MAXIMUM POOL SIZE", StringComparison.Ordinal) && !raw.Contains("MAXPOOLSIZE", StringComparison.Ordinal))
        {
            csb.MaxPoolSize = options.MaxPoolSize;
        }
        if (!raw.Contains("TIMEOUT", StringComparison.Ordinal))
        {
            csb.Timeout = options.ConnectionTimeoutSeconds;
        }
        csb.Timezone ??= "UTC";
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
