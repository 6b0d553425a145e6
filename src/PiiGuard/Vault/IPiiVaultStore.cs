namespace BankingLlm.PiiGuard.Vault;

/// <summary>Durable storage of each session's encrypted vault blob (the host stores it in PostgreSQL).</summary>
public interface IPiiVaultStore
{
    /// <summary>The protected blob of the session, or null when the session has no vault yet.</summary>
    Task<byte[]?> LoadAsync(string sessionId, CancellationToken cancellationToken = default);

    Task SaveAsync(string sessionId, byte[] protectedVault, CancellationToken cancellationToken = default);
}
