namespace BankingLlm.PiiGuard.Vault;

/// <summary>One placeholder of a session. <see cref="Value"/> is null for types that are never stored (cards).</summary>
public sealed record PiiVaultEntry(string Placeholder, PiiType Type, string ValueHash, string? Value, string DisplayMask);
