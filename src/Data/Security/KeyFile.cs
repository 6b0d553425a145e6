using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BankingLlm.Data.Security;

/// <summary>
/// The development key file: JSON with base64 keys, written atomically and readable by its owner only.
/// Production keys come from configuration (a secret store) instead; see docs/configuration.md.
/// </summary>
public static class KeyFile
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static KeyRing LoadOrCreate(string path, TimeProvider clock)
    {
        if (!File.Exists(path))
        {
            var now = clock.GetUtcNow();
            var created = new KeyRing([NewKey(1, now)], [NewKey(1, now)]);
            Save(path, created);
            return created;
        }
        return Load(path);
    }

    public static KeyRing Load(string path)
    {
        FileModel? model;
        try
        {
            model = JsonSerializer.Deserialize<FileModel>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new KeyRingException($"The key file '{path}' is corrupt ({ex.Message}). Restore it from backup, or remove it only if no data was ever encrypted with it.", ex);
        }
        if (model is null || model.DataKeys is null || model.HashKeys is null)
        {
            throw new KeyRingException($"The key file '{path}' is corrupt: it has no dataKeys or hashKeys.");
        }
        try
        {
            return new KeyRing(
                model.DataKeys.Select(ToKey),
                model.HashKeys.Select(ToKey),
                model.ActiveDataKeyVersion,
                model.ActiveHashKeyVersion);
        }
        catch (FormatException ex)
        {
            throw new KeyRingException($"The key file '{path}' is corrupt: a key is not valid base64.", ex);
        }
        catch (KeyRingException ex)
        {
            throw new KeyRingException($"The key file '{path}' is invalid: {ex.Message}", ex);
        }
    }

    public static void Save(string path, KeyRing ring)
    {
        var model = new FileModel
        {
            DataKeys = [.. ring.DataKeys.OrderBy(k => k.Version).Select(FromKey)],
            HashKeys = [.. ring.HashKeys.OrderBy(k => k.Version).Select(FromKey)],
            ActiveDataKeyVersion = ring.ActiveDataKey.Version,
            ActiveHashKeyVersion = ring.ActiveHashKey.Version,
        };
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(model, JsonOptions));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temp, full, overwrite: true);
    }

    public static VersionedKey NewKey(int version, DateTimeOffset createdAt) =>
        new(version, RandomNumberGenerator.GetBytes(KeyRing.KeySizeBytes), createdAt);

    private static VersionedKey ToKey(KeyModel k) => new(k.Version, Convert.FromBase64String(k.Key ?? ""), k.CreatedAt);

    private static KeyModel FromKey(VersionedKey k) => new() { Version = k.Version, Key = Convert.ToBase64String(k.Material), CreatedAt = k.CreatedAt };

    private sealed class FileModel
    {
        public List<KeyModel>? DataKeys { get; set; }
        public List<KeyModel>? HashKeys { get; set; }
        public int? ActiveDataKeyVersion { get; set; }
        public int? ActiveHashKeyVersion { get; set; }
    }

    private sealed class KeyModel
    {
        public int Version { get; set; }
        public string? Key { get; set; }
        [JsonPropertyName("createdAt")]
        public DateTimeOffset CreatedAt { get; set; }
    }
}
