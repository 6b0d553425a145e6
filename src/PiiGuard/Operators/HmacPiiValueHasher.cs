using System.Security.Cryptography;
using System.Text;

namespace BankingLlm.PiiGuard.Operators;

/// <summary>
/// HMAC-SHA-256 over "type:canonical value" with the host's key. A plain SHA-256 of a nine-digit SSN is reversed by
/// brute force in seconds; without the key it is not.
/// </summary>
public sealed class HmacPiiValueHasher(IPiiHashKeyProvider keyProvider) : IPiiValueHasher
{
    private const int MinimumKeyBytes = 32;

    public string Hash(PiiType type, string canonicalValue)
    {
        ArgumentNullException.ThrowIfNull(canonicalValue);
        var key = keyProvider.GetHashKey();
        if (key.Length < MinimumKeyBytes)
        {
            throw new InvalidOperationException($"The PII hash key must be at least {MinimumKeyBytes} bytes.");
        }

        var input = Encoding.UTF8.GetBytes(type.ToWireName() + ":" + canonicalValue);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, input, mac);
        CryptographicOperations.ZeroMemory(input);
        return Convert.ToHexStringLower(mac);
    }
}
