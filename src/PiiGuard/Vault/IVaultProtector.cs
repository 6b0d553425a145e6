namespace BankingLlm.PiiGuard.Vault;

/// <summary>
/// Authenticated encryption of the serialised vault, implemented by the host with its key ring (AES-256-GCM, key
/// version in the ciphertext). <paramref name="associatedData"/> binds the ciphertext to its session.
/// </summary>
public interface IVaultProtector
{
    byte[] Protect(byte[] plaintext, byte[] associatedData);

    /// <exception cref="System.Security.Cryptography.CryptographicException">Tampered data or wrong associated data.</exception>
    byte[] Unprotect(byte[] protectedData, byte[] associatedData);
}
