using System.Buffers.Binary;
using System.Security.Cryptography;

namespace BankingLlm.Data.Security;

/// <summary>
/// AES-256-GCM envelopes: <c>[format 0x01][key version, 4 bytes BE][nonce 12][tag 16][ciphertext]</c>.
/// The associated data binds a ciphertext to its row and column, so it cannot be copied to another row.
/// </summary>
public sealed class FieldEncryptor(KeyRingProvider keys)
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + 4 + NonceSize + TagSize;

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var key = keys.Current.ActiveDataKey;
        var envelope = new byte[HeaderSize + plaintext.Length];
        envelope[0] = FormatVersion;
        BinaryPrimitives.WriteInt32BigEndian(envelope.AsSpan(1, 4), key.Version);
        var nonce = envelope.AsSpan(5, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Material, TagSize);
        aes.Encrypt(nonce, plaintext, envelope.AsSpan(HeaderSize), envelope.AsSpan(5 + NonceSize, TagSize), associatedData);
        return envelope;
    }

    /// <exception cref="CryptographicException">The envelope was tampered with, or belongs to other associated data.</exception>
    public byte[] Decrypt(ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData)
    {
        var version = KeyVersionOf(envelope);
        var key = keys.Current.GetDataKey(version);
        var plaintext = new byte[envelope.Length - HeaderSize];
        using var aes = new AesGcm(key.Material, TagSize);
        aes.Decrypt(envelope.Slice(5, NonceSize), envelope[HeaderSize..], envelope.Slice(5 + NonceSize, TagSize), plaintext, associatedData);
        return plaintext;
    }

    /// <summary>The data key version an envelope was written with.</summary>
    public static int KeyVersionOf(ReadOnlySpan<byte> envelope)
    {
        if (envelope.Length < HeaderSize || envelope[0] != FormatVersion)
        {
            throw new CryptographicException("Not an encrypted field envelope (unknown format or truncated).");
        }
        return BinaryPrimitives.ReadInt32BigEndian(envelope.Slice(1, 4));
    }

    /// <summary>The envelope's key-version bytes, for finding rows still on an old key in SQL.</summary>
    public static byte[] KeyVersionPrefix(int version)
    {
        var prefix = new byte[5];
        prefix[0] = FormatVersion;
        BinaryPrimitives.WriteInt32BigEndian(prefix.AsSpan(1), version);
        return prefix;
    }
}
