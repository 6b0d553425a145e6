using System.Security.Cryptography;
using System.Text;
using BankingLlm.Data.Security;
using BankingLlm.PiiGuard.Operators;

namespace BankingLlm.Assistant.Privacy;

/// <summary>
/// The key for keyed hashes of detected PII values (pii_detection_results.detected_value_hash and vault look-ups):
/// derived with HKDF from the key ring's active hash key under its own purpose label, so it is never the same key
/// that hashes customers.ssn_hash.
/// </summary>
public sealed class KeyRingPiiHashKeyProvider(KeyRingProvider keys) : IPiiHashKeyProvider
{
    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("BankingLlm/pii-detected-value/v1");
    private readonly Lock _gate = new();
    private (int Version, byte[] Key)? _derived;

    public ReadOnlySpan<byte> GetHashKey()
    {
        var active = keys.Current.ActiveHashKey;
        lock (_gate)
        {
            if (_derived is not { } d || d.Version != active.Version)
            {
                _derived = (active.Version, HKDF.DeriveKey(HashAlgorithmName.SHA256, active.Material, 32, info: Purpose));
            }
            return _derived.Value.Key;
        }
    }
}
