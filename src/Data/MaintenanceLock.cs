using Npgsql;

namespace BankingLlm.Data;

/// <summary>
/// A PostgreSQL session advisory lock that lets one maintenance job (retention, key rotation) run at a time across
/// every instance and CLI process using the database. Held by a dedicated connection: if the process dies, the
/// connection closes and the lock goes with it.
/// </summary>
public sealed class MaintenanceLock : IAsyncDisposable
{
    /// <summary>Lock ids; the audit chain's trigger uses 7243018562.</summary>
    public const long Retention = 7243018563;
    public const long KeyRotation = 7243018564;

    private readonly NpgsqlConnection _connection;
    private readonly long _id;

    private MaintenanceLock(NpgsqlConnection connection, long id)
    {
        _connection = connection;
        _id = id;
    }

    /// <summary>The lock, or null when another process holds it.</summary>
    public static async Task<MaintenanceLock?> TryAcquireAsync(NpgsqlDataSource dataSource, long id, CancellationToken ct = default)
    {
        var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
            if (await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is true)
            {
                return new MaintenanceLock(connection, id);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        var released = false;
        try
        {
            await using var cmd = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", _connection);
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _id });
            released = await cmd.ExecuteScalarAsync().ConfigureAwait(false) is true;
        }
        catch (NpgsqlException)
        {
            // The connection is gone, and the lock with it.
        }
        finally
        {
            if (!released)
            {
                // Pooled connections are not reset on return (DatabaseConnection): one that may still hold the lock
                // must be closed for real, not handed to the next user.
                NpgsqlConnection.ClearPool(_connection);
            }
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
