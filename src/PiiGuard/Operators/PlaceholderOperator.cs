using BankingLlm.PiiGuard.Vault;

namespace BankingLlm.PiiGuard.Operators;

/// <summary>
/// Replace: a typed, numbered placeholder ([SSN_1], [CREDIT_CARD_2]) from the session's vault. Numbers count per type
/// in order of first appearance; the same value (compared by keyed hash of its canonical form) keeps its placeholder
/// for the whole session.
/// </summary>
public static class PlaceholderOperator
{
    /// <summary>Gets or creates the placeholder of <paramref name="entity"/>; the value is kept only when <paramref name="storeValue"/>.</summary>
    public static string Apply(PiiEntity entity, string valueHash, PiiVault vault, bool storeValue)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(vault);
        return vault.GetOrAddPlaceholder(entity.Type, valueHash, storeValue ? entity.Value : null, DisplayMask.For(entity.Type, entity.Value));
    }
}
