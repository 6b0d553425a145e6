using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BankingLlm.Data.Security;

/// <summary>
/// Encrypts SSNs for <c>customers.ssn_encrypted</c> (the customer id is the associated data) and computes
/// <c>customers.ssn_hash</c> as a versioned HMAC-SHA-256 (<c>h{version}:{hex}</c>): a plain SHA-256 of nine digits
/// is brute-forced in seconds.
/// </summary>
public sealed class SsnProtector(FieldEncryptor encryptor, KeyRingProvider keys)
{
    public byte[] Encrypt(Guid customerId, string ssn) =>
        encryptor.Encrypt(Encoding.ASCII.GetBytes(Normalize(ssn)), AssociatedData(customerId));

    public string Decrypt(Guid customerId, byte[] envelope) =>
        Encoding.ASCII.GetString(encryptor.Decrypt(envelope, AssociatedData(customerId)));

    /// <summary>The hash under the active hash key.</summary>
    public string Hash(string ssn) => Hash(ssn, keys.Current.ActiveHashKey);

    /// <summary>The hash under every known hash key version, for look-ups during a re-hash.</summary>
    public IReadOnlyList<string> HashesUnderAllVersions(string ssn) =>
        [.. keys.Current.HashKeys.Select(k => Hash(ssn, k))];

    /// <summary>Digits only, exactly nine; anything else is refused.</summary>
    public static string Normalize(string ssn)
    {
        ArgumentNullException.ThrowIfNull(ssn);
        var digits = new string([.. ssn.Where(char.IsAsciiDigit)]);
        var separatorsOnly = ssn.All(c => char.IsAsciiDigit(c) || c is '-' or ' ');
        if (digits.Length != 9 || !separatorsOnly)
        {
            throw new ArgumentException("An SSN must be nine digits (123-45-6789).", nameof(ssn));
        }
        return digits;
    }

    public static byte[] AssociatedData(Guid customerId) =>
        Encoding.ASCII.GetBytes("customers.ssn_encrypted:" + customerId.ToString("D", CultureInfo.InvariantCulture));

    private static string Hash(string ssn, VersionedKey key)
    {
        var mac = HMACSHA256.HashData(key.Material, Encoding.ASCII.GetBytes(Normalize(ssn)));
        return string.Create(CultureInfo.InvariantCulture, $"h{key.Version}:{Convert.ToHexStringLower(mac)}");
    }
}
