using BankingLlm.Data;
using BankingLlm.PiiGuard.Vault;
using Npgsql;

namespace BankingLlm.Assistant.Privacy;

/// <summary>
/// Each session's encrypted vault blob in the pii_vault table (deleted with its session). Read on every turn, hence
/// one plain statement rather than a DbContext.
/// </summary>
public sealed class PostgresPiiVaultStore(NpgsqlDataSource dataSource, TimeProvider clock) : IPiiVaultStore
{
    public async Task<byte[]?> LoadAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT ciphertext FROM pii_vault WHERE session_id = $1");
        command.Parameters.Add(Sql.Uuid(Guid.Parse(sessionId)));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
    }

    public async Task SaveAsync(string sessionId, byte[] protectedVault, CancellationToken cancellationToken = default)
    {
        // One statement, so two instances saving the same session never collide on the key.
        await using var command = dataSource.CreateCommand("""
            INSERT INTO pii_vault (session_id, ciphertext, updated_at) VALUES ($1, $2, $3)
            ON CONFLICT (session_id) DO UPDATE SET ciphertext = EXCLUDED.ciphertext, updated_at = EXCLUDED.updated_at
            """);
        command.Parameters.Add(Sql.Uuid(Guid.Parse(sessionId)));
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = protectedVault });
        command.Parameters.Add(Sql.UtcTimestamp(clock.GetUtcNow().UtcDateTime));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
