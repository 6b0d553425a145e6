using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BankingLlm.PiiGuard.Vault;

/// <summary>Loads and saves session vaults: serialise -> <see cref="IVaultProtector"/> -> <see cref="IPiiVaultStore"/>.</summary>
public sealed class PiiVaultRepository(IPiiVaultStore store, IVaultProtector protector, ILogger<PiiVaultRepository>? logger = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>The session's vault, or a new empty one when none was saved.</summary>
    /// <exception cref="CryptographicException">The stored vault does not decrypt under this session's associated data.</exception>
    public async Task<PiiVault> LoadAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        var blob = await store.LoadAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (blob is null)
        {
            return new PiiVault(sessionId);
        }

        var plaintext = protector.Unprotect(blob, AssociatedData(sessionId));
        try
        {
            var vault = PiiVault.Deserialize(sessionId, plaintext);
            PiiGuardLog.VaultLoaded(_logger, sessionId, vault.Count);
            return vault;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Encrypts and stores the vault when it changed.</summary>
    public async Task SaveAsync(PiiVault vault, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vault);
        if (!vault.IsDirty)
        {
            return;
        }

        var plaintext = vault.Serialize();
        try
        {
            var protectedVault = protector.Protect(plaintext, AssociatedData(vault.SessionId));
            await store.SaveAsync(vault.SessionId, protectedVault, cancellationToken).ConfigureAwait(false);
            vault.MarkSaved();
            PiiGuardLog.VaultSaved(_logger, vault.SessionId, vault.Count);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Binds a ciphertext to its session so one session's vault cannot be replayed into another.</summary>
    public static byte[] AssociatedData(string sessionId) => Encoding.UTF8.GetBytes("BankingLlm.PiiVault/v1:" + sessionId);
}
