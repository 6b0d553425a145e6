using BankingLlm.Data.Postgres;
using Npgsql;

namespace BankingLlm.TestSupport;

/// <summary>
/// One PostgreSQL server per test process: <c>ConnectionStrings__Banking</c> when set, otherwise a throwaway private
/// cluster started through the project's launcher. Each test fixture gets its own fresh database on it.
/// </summary>
public static class TestPostgres
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static LocalPostgres? _cluster;
    private static string? _serverConnectionString;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var server = await ServerAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 33)].ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        var server = await ServerAsync();
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string> ServerAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_serverConnectionString is not null)
            {
                return _serverConnectionString;
            }
            var configured = Environment.GetEnvironmentVariable("ConnectionStrings__Banking");
            if (!string.IsNullOrWhiteSpace(configured))
            {
                _serverConnectionString = configured;
                return configured;
            }
            _cluster = await LocalPostgres.StartTemporaryAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _serverConnectionString = _cluster.ConnectionString;
            return _serverConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }
}
