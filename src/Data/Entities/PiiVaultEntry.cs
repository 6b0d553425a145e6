namespace BankingLlm.Data.Entities;

/// <summary>
/// Extension table <c>pii_vault</c>: a session's placeholder-to-value map, encrypted with the key ring
/// (AES-256-GCM, the session id as associated data). Deleted with its session.
/// </summary>
public sealed class PiiVaultEntry
{
    public Guid SessionId { get; set; }
    public byte[] Ciphertext { get; set; } = [];
    public DateTime UpdatedAt { get; set; }
}
