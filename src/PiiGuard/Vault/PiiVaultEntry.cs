namespace BankingLlm.PiiGuard.Vault;

/// <summary>One placeholder of a session. <see cref="Value"/> is null for types that are never stored (cards).</summary>
public sealed record PiiVaultEntry(string Placeholder, PiiType Type, string ValueHash, string? Value, string DisplayMask)
{
    /// <summary>Placeholder and mask only: safe to log (the generated record ToString would print the value).</summary>
    public override string ToString() => $"{Placeholder} ({DisplayMask})";
}
