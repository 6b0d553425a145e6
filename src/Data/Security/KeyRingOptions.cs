using System.ComponentModel.DataAnnotations;

namespace BankingLlm.Data.Security;

/// <summary>
/// Where the data keys (AES-256-GCM) and hash keys (HMAC-SHA-256) come from. Production: set
/// <c>KeyRing__DataKeys__1</c>, <c>KeyRing__HashKeys__1</c> (base64, 32 bytes) and the active versions from a
/// secret store. Development: with no keys configured, a key file is generated at <see cref="KeyFile"/>.
/// </summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "KeyRing";

    /// <summary>Key file used when no keys are configured; generated on first use. Never commit it.</summary>
    [Required]
    public string KeyFile { get; set; } = ".data/keys.json";

    /// <summary>Data keys by version, base64 (32 bytes each). When set, the key file is not used.</summary>
    public Dictionary<string, string> DataKeys { get; set; } = [];

    /// <summary>HMAC keys by version, base64 (32 bytes each). Required when <see cref="DataKeys"/> is set.</summary>
    public Dictionary<string, string> HashKeys { get; set; } = [];

    /// <summary>Version of the data key new ciphertext is written with; default: the highest.</summary>
    [Range(1, int.MaxValue)]
    public int? ActiveDataKeyVersion { get; set; }

    /// <summary>Version of the HMAC key new hashes are written with; default: the highest.</summary>
    [Range(1, int.MaxValue)]
    public int? ActiveHashKeyVersion { get; set; }

    /// <summary>Data keys older than this rotate (seed: every 90 days).</summary>
    [Range(1, 3650)]
    public int RotationDays { get; set; } = 90;

    /// <summary>The HMAC key of ssn_hash rotates on its own, longer period (every rotation re-hashes every customer).</summary>
    [Range(1, 3650)]
    public int HashKeyRotationDays { get; set; } = 365;
}
