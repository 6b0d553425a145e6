namespace BankingLlm.PiiGuard.Operators;

/// <summary>Keyed, deterministic hash of a PII value: the same value always hashes the same under one key.</summary>
public interface IPiiValueHasher
{
    /// <summary>Lower-case hex HMAC of the type and the canonical value (<see cref="PiiValueCanonicalizer"/>).</summary>
    string Hash(PiiType type, string canonicalValue);
}
