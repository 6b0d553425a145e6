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
    /// <summary>ssn_hash of an anonymised customer: <c>erased:{customer id}</c>, unique and tied to no SSN.</summary>
    public const string ErasedHashPrefix = "erased:";

    public byte[] Encrypt(Guid customerId, string ssn) =>
        encryptor.Encrypt(Encoding.ASCII.GetBytes(Normalize(ssn)), AssociatedData(customerId));

    /// <exception cref="InvalidOperationException">The customer was anonymised: there is no SSN any more.</exception>
    public string Decrypt(Guid customerId, byte[] envelope) =>
        IsErased(envelope)
            ? throw new InvalidOperationException($"The SSN of customer {customerId} was erased when the customer was anonymised.")
            : Encoding.ASCII.GetString(encryptor.Decrypt(envelope, AssociatedData(customerId)));

    /// <summary>The ssn_encrypted value of an anonymised customer: one zero byte, not an envelope (the column is NOT NULL).</summary>
    public static byte[] ErasedEnvelope() => [0x00];

    public static bool IsErased(ReadOnlySpan<byte> envelope) => envelope.Length == 1 && envelope[0] == 0x00;

    public static string ErasedHash(Guid customerId) => ErasedHashPrefix + customerId.ToString("N", CultureInfo.InvariantCulture);

    public static bool IsErased(string ssnHash) => ssnHash.StartsWith(ErasedHashPrefix, StringComparison.Ordinal);

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
