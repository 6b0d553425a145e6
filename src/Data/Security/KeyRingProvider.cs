using Microsoft.Extensions.Options;

namespace BankingLlm.Data.Security;

/// <summary>
/// Builds the key ring from configuration (production) or the key file (development), and rotates it.
/// The current ring is cached; <see cref="Rotate"/> replaces it.
/// </summary>
public sealed class KeyRingProvider(IOptions<KeyRingOptions> options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private KeyRing? _ring;

    public KeyRing Current
    {
        get
        {
            lock (_gate)
            {
                return _ring ??= Build();
            }
        }
    }

    /// <summary>True when keys come from configuration, so rotation is the operator's (secret store) job.</summary>
    public bool UsesConfiguredKeys => options.Value.DataKeys.Count > 0;

    /// <summary>
    /// Adds a new data key version (and, when <paramref name="includeHashKey"/>, a new hash key version) and makes it
    /// active. Old versions are kept for decryption. Only for the key file: configured keys rotate in the secret store.
    /// </summary>
    public KeyRing Rotate(bool includeHashKey = false) => RotateKeys(dataKey: true, hashKey: includeHashKey);

    /// <summary>Rotates each key whose lifetime is over (data: RotationDays, hash: HashKeyRotationDays); what rotated.</summary>
    public (bool DataKey, bool HashKey) RotateDue()
    {
        lock (_gate)
        {
            var due = (IsRotationDue(), IsHashRotationDue());
            if (due.Item1 || due.Item2)
            {
                RotateKeys(due.Item1, due.Item2);
            }
            return due;
        }
    }

    private KeyRing RotateKeys(bool dataKey, bool hashKey)
    {
        lock (_gate)
        {
            if (UsesConfiguredKeys)
            {
                throw new KeyRingException("Keys come from configuration (KeyRing:DataKeys); add KeyRing:DataKeys:<next version> in your secret store and set KeyRing:ActiveDataKeyVersion instead of rotating here.");
            }
            var ring = _ring ??= Build();
            var now = clock.GetUtcNow();
            var dataKeys = ring.DataKeys.ToList();
            var activeData = ring.ActiveDataKey.Version;
            if (dataKey)
            {
                var newData = KeyFile.NewKey(ring.DataKeys.Max(k => k.Version) + 1, now);
                dataKeys.Add(newData);
                activeData = newData.Version;
            }
            var hashKeys = ring.HashKeys.ToList();
            var activeHash = ring.ActiveHashKey.Version;
            if (hashKey)
            {
                var newHash = KeyFile.NewKey(ring.HashKeys.Max(k => k.Version) + 1, now);
                hashKeys.Add(newHash);
                activeHash = newHash.Version;
            }
            var rotated = new KeyRing(dataKeys, hashKeys, activeData, activeHash);
            KeyFile.Save(options.Value.KeyFile, rotated);
            _ring = rotated;
            return rotated;
        }
    }

    /// <summary>True when the active data key is older than the configured rotation period.</summary>
    public bool IsRotationDue() => IsOlderThan(Current.ActiveDataKey, options.Value.RotationDays);

    /// <summary>True when the active hash key is older than its own (longer) rotation period.</summary>
    public bool IsHashRotationDue() => IsOlderThan(Current.ActiveHashKey, options.Value.HashKeyRotationDays);

    /// <summary>The configured lifetimes, for status displays.</summary>
    public (int DataKeyDays, int HashKeyDays) Lifetimes => (options.Value.RotationDays, options.Value.HashKeyRotationDays);

    // Configured keys carry no creation date (DateTimeOffset.MinValue): their age is the secret store's to track.
    private bool IsOlderThan(VersionedKey key, int days) =>
        key.CreatedAt > DateTimeOffset.MinValue && clock.GetUtcNow() - key.CreatedAt >= TimeSpan.FromDays(days);

    private KeyRing Build()
    {
        var o = options.Value;
        if (o.DataKeys.Count == 0)
        {
            return KeyFile.LoadOrCreate(o.KeyFile, clock);
        }
        if (o.HashKeys.Count == 0)
        {
            throw new KeyRingException("KeyRing:DataKeys is set but KeyRing:HashKeys is not; configure both (base64 of 32 random bytes each).");
        }
        return new KeyRing(Parse(o.DataKeys, "DataKeys"), Parse(o.HashKeys, "HashKeys"), o.ActiveDataKeyVersion, o.ActiveHashKeyVersion);
    }

    private static IEnumerable<VersionedKey> Parse(Dictionary<string, string> keys, string setting) =>
        keys.Select(pair =>
        {
            if (!int.TryParse(pair.Key, out var version))
            {
                throw new KeyRingException($"KeyRing:{setting}:{pair.Key} is not a version number; name keys KeyRing:{setting}:1, :2 ...");
            }
            try
            {
                return new VersionedKey(version, Convert.FromBase64String(pair.Value), DateTimeOffset.MinValue);
            }
            catch (FormatException ex)
            {
                throw new KeyRingException($"KeyRing:{setting}:{pair.Key} is not valid base64.", ex);
            }
        }).ToList();
}
