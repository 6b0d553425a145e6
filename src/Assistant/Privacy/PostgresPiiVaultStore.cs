using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.PiiGuard.Vault;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Assistant.Privacy;

/// <summary>Each session's encrypted vault blob in the pii_vault table (deleted with its session).</summary>
public sealed class PostgresPiiVaultStore(IDbContextFactory<BankingDbContext> contexts, TimeProvider clock) : IPiiVaultStore
{
    public async Task<byte[]?> LoadAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var id = Guid.Parse(sessionId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.PiiVault.AsNoTracking().Where(v => v.SessionId == id).Select(v => v.Ciphertext).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SaveAsync(string sessionId, byte[] protectedVault, CancellationToken cancellationToken = default)
    {
        var id = Guid.Parse(sessionId);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // One statement, so two instances saving the same session never collide on the key.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO pii_vault (session_id, ciphertext, updated_at) VALUES ({id}, {protectedVault}, ({now}::timestamptz AT TIME ZONE 'UTC'))
            ON CONFLICT (session_id) DO UPDATE SET ciphertext = EXCLUDED.ciphertext, updated_at = EXCLUDED.updated_at
            """, cancellationToken).ConfigureAwait(false);
    }
}
