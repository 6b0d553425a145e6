using System.Collections.Frozen;

namespace BankingLlm.Data.Security;

/// <summary>A versioned key: the version is written into every envelope or hash made with it.</summary>
public sealed record VersionedKey(int Version, byte[] Material, DateTimeOffset CreatedAt);

/// <summary>
/// The versioned data keys (AES-256-GCM) and hash keys (HMAC-SHA-256). Old versions stay for decryption and
/// verification; new material is always written with the active version.
/// </summary>
public sealed class KeyRing
{
    public const int KeySizeBytes = 32;

    private readonly FrozenDictionary<int, VersionedKey> _dataKeys;
    private readonly FrozenDictionary<int, VersionedKey> _hashKeys;

    public KeyRing(IEnumerable<VersionedKey> dataKeys, IEnumerable<VersionedKey> hashKeys, int? activeData = null, int? activeHash = null)
    {
        _dataKeys = Index(dataKeys, "data");
        _hashKeys = Index(hashKeys, "hash");
        ActiveDataKey = Pick(_dataKeys, activeData, "ActiveDataKeyVersion");
        ActiveHashKey = Pick(_hashKeys, activeHash, "ActiveHashKeyVersion");
    }

    public VersionedKey ActiveDataKey { get; }
    public VersionedKey ActiveHashKey { get; }
    public IReadOnlyCollection<VersionedKey> DataKeys => _dataKeys.Values;
    public IReadOnlyCollection<VersionedKey> HashKeys => _hashKeys.Values;

    public VersionedKey GetDataKey(int version) =>
        _dataKeys.TryGetValue(version, out var key)
            ? key
            : throw new KeyRingException($"Data key version {version} is not in the key ring; an old key was removed before re-encryption finished.");

    public VersionedKey GetHashKey(int version) =>
        _hashKeys.TryGetValue(version, out var key)
            ? key
            : throw new KeyRingException($"Hash key version {version} is not in the key ring.");

    private static FrozenDictionary<int, VersionedKey> Index(IEnumerable<VersionedKey> keys, string kind)
    {
        var byVersion = new Dictionary<int, VersionedKey>();
        foreach (var key in keys)
        {
            if (key.Version < 1)
            {
                throw new KeyRingException($"The {kind} key version {key.Version} is invalid: versions start at 1.");
            }
            if (key.Material.Length != KeySizeBytes)
            {
                throw new KeyRingException($"The {kind} key version {key.Version} is {key.Material.Length} bytes; it must be {KeySizeBytes} bytes (base64 of 32 random bytes).");
            }
            if (!byVersion.TryAdd(key.Version, key))
            {
                throw new KeyRingException($"The {kind} key version {key.Version} appears twice.");
            }
        }
        if (byVersion.Count == 0)
        {
            throw new KeyRingException($"The key ring has no {kind} key.");
        }
        return byVersion.ToFrozenDictionary();
    }

    private static VersionedKey Pick(FrozenDictionary<int, VersionedKey> keys, int? version, string setting)
    {
        if (version is null)
        {
            return keys[keys.Keys.Max()];
        }
        return keys.TryGetValue(version.Value, out var key)
            ? key
            : throw new KeyRingException($"KeyRing:{setting} is {version}, but no key has that version.");
    }
}
