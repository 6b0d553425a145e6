namespace BankingLlm.PiiGuard.Operators;

/// <summary>
/// Supplies the secret key for keyed hashes of PII values (HMAC-SHA-256). Implemented by the host from its key ring;
/// the key never appears in configuration files or logs.
/// </summary>
public interface IPiiHashKeyProvider
{
    /// <summary>The current hash key (at least 32 bytes).</summary>
    ReadOnlySpan<byte> GetHashKey();
}
