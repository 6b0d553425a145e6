using BankingLlm.Data.Security;
using BankingLlm.PiiGuard.Vault;

namespace BankingLlm.Assistant.Privacy;

/// <summary>The PII vault encrypted with the key ring's data keys (AES-256-GCM, versioned, rotatable).</summary>
public sealed class KeyRingVaultProtector(FieldEncryptor encryptor) : IVaultProtector
{
    public byte[] Protect(byte[] plaintext, byte[] associatedData) => encryptor.Encrypt(plaintext, associatedData);

    public byte[] Unprotect(byte[] protectedData, byte[] associatedData) => encryptor.Decrypt(protectedData, associatedData);
}
