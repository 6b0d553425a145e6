using System.ComponentModel.DataAnnotations;

namespace BankingLlm.Data.Security;

/// <summary>
/// The scheduled key rotation inside `serve` (<see cref="KeyRotationService"/>). The lifetimes themselves are
/// <see cref="KeyRingOptions.RotationDays"/> (data keys, default 90) and <see cref="KeyRingOptions.HashKeyRotationDays"/>
/// (the ssn_hash HMAC key, default 365).
/// </summary>
public sealed class KeyRotationOptions
{
    public const string SectionName = "KeyRotation";

    /// <summary>Check lifetimes and re-encrypt on a schedule. `keys rotate` / `keys reencrypt` work either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between checks.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Wait after start before the first check.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows re-encrypted per transaction.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;
}
