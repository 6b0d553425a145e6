using System.Collections.Concurrent;
using System.Security.Cryptography;
using BankingLlm.PiiGuard.Operators;
using BankingLlm.PiiGuard.Recording;
using BankingLlm.PiiGuard.Vault;

namespace BankingLlm.PiiGuard.Tests.TestSupport;

/// <summary>A fixed 32-byte hash key (the host's key ring supplies the real one).</summary>
public sealed class FixedHashKeyProvider(byte fill = 7) : IPiiHashKeyProvider
{
    private readonly byte[] _key = Enumerable.Repeat(fill, 32).ToArray();

    public ReadOnlySpan<byte> GetHashKey() => _key;
}

/// <summary>Real AES-256-GCM with a random key, shaped like the host's protector (nonce | tag | ciphertext).</summary>
public sealed class AesGcmTestProtector : IVaultProtector
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public int ProtectCalls { get; private set; }

    public byte[] Protect(byte[] plaintext, byte[] associatedData)
    {
        ProtectCalls++;
        var nonce = RandomNumberGenerator.GetBytes(12);
        var tag = new byte[16];
        var cipher = new byte[plaintext.Length];
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(nonce, plaintext, cipher, tag, associatedData);
        return [.. nonce, .. tag, .. cipher];
    }

    public byte[] Unprotect(byte[] protectedData, byte[] associatedData)
    {
        var nonce = protectedData[..12];
        var tag = protectedData[12..28];
        var cipher = protectedData[28..];
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(_key, 16);
        aes.Decrypt(nonce, cipher, tag, plain, associatedData);
        return plain;
    }
}

/// <summary>Collects what the guard records.</summary>
public sealed class CollectingSink : IPiiDetectionSink
{
    public ConcurrentQueue<PiiDetectionRecord> Records { get; } = new();

    public Task RecordAsync(IReadOnlyList<PiiDetectionRecord> records, CancellationToken cancellationToken = default)
    {
        foreach (var record in records)
        {
            Records.Enqueue(record);
        }

        return Task.CompletedTask;
    }
}
