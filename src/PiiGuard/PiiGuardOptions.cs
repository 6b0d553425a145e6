using System.ComponentModel.DataAnnotations;

namespace BankingLlm.PiiGuard;

/// <summary>Settings of the PII guard, bound from the "PiiGuard" configuration section.</summary>
public sealed class PiiGuardOptions : IValidatableObject
{
    public const string SectionName = "PiiGuard";

    /// <summary>Minimum score for a detection to be masked, for types without an entry in <see cref="Thresholds"/>.</summary>
    [Range(0.0, 1.0)]
    public double DefaultThreshold { get; set; } = 0.5;

    /// <summary>Per-type minimum score, keyed by wire name (ssn, credit_card, ...).</summary>
    public Dictionary<string, double> Thresholds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Candidates scoring at least this but below their type's threshold are recorded as "flagged", not masked.</summary>
    [Range(0.0, 1.0)]
    public double FlagThreshold { get; set; } = 0.3;

    /// <summary>Values never masked (e.g. the bank's own published phone number). Compared by canonical form.</summary>
    public List<string> AllowList { get; set; } = [];

    /// <summary>Values always masked as the given type, wherever they appear (case-insensitive, whole words).</summary>
    public List<PiiDenyListEntry> DenyList { get; set; } = [];

    /// <summary>Recognizer names to switch off (e.g. "AddressRecognizer").</summary>
    public List<string> DisabledRecognizers { get; set; } = [];

    /// <summary>Longest text analysed; longer input is rejected with <see cref="ArgumentException"/>.</summary>
    [Range(1, 10_000_000)]
    public int MaxTextLength { get; set; } = 100_000;

    /// <summary>Characters of masked context recorded before and after each detection (at most 500).</summary>
    [Range(0, 500)]
    public int ContextCharacters { get; set; } = 100;

    /// <summary>Remove card security codes (CVV/CVC after such a cue) from messages; they are never stored (PCI DSS 3.3.1.2).</summary>
    public bool DropSecurityCodes { get; set; } = true;

    /// <summary>Types whose values are NOT kept in the vault: only a keyed hash and a display mask (cards by default).</summary>
    public List<string> NeverStoreTypes { get; set; } = ["credit_card"];

    /// <summary>Also run Microsoft.Recognizers.Text Sequence (phone, e-mail) as a second opinion. Slower; off by default.</summary>
    public bool UseRecognizersText { get; set; }

    /// <summary>When a recognizer times out, throw instead of returning a possibly incomplete result.</summary>
    public bool FailClosedOnTimeout { get; set; } = true;

    public double ThresholdFor(PiiType type) =>
        Thresholds.TryGetValue(type.ToWireName(), out var value) ? value : DefaultThreshold;

    public bool IsNeverStored(PiiType type) =>
        NeverStoreTypes.Exists(name => string.Equals(name, type.ToWireName(), StringComparison.OrdinalIgnoreCase));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in Thresholds)
        {
            if (!PiiTypeNames.TryParseWireName(name, out _))
            {
                yield return new ValidationResult($"PiiGuard:Thresholds:{name} is not a PII type (ssn, credit_card, bank_account, account_number, phone, email, address, passport, drivers_license).", [nameof(Thresholds)]);
            }
            else if (value is < 0 or > 1)
            {
                yield return new ValidationResult($"PiiGuard:Thresholds:{name} must be between 0 and 1.", [nameof(Thresholds)]);
            }
        }

        foreach (var name in NeverStoreTypes)
        {
            if (!PiiTypeNames.TryParseWireName(name, out _))
            {
                yield return new ValidationResult($"PiiGuard:NeverStoreTypes contains '{name}', which is not a PII type.", [nameof(NeverStoreTypes)]);
            }
        }

        for (var i = 0; i < DenyList.Count; i++)
        {
            var entry = DenyList[i];
            if (string.IsNullOrWhiteSpace(entry.Value) || !PiiTypeNames.TryParseWireName(entry.Type, out _))
            {
                yield return new ValidationResult($"PiiGuard:DenyList:{i} needs a Value and a Type that is a PII type.", [nameof(DenyList)]);
            }
        }

        if (FlagThreshold > DefaultThreshold)
        {
            yield return new ValidationResult("PiiGuard:FlagThreshold must not exceed PiiGuard:DefaultThreshold.", [nameof(FlagThreshold)]);
        }
    }
}

/// <summary>A value that is always treated as PII of <see cref="Type"/>.</summary>
public sealed class PiiDenyListEntry
{
    /// <summary>Wire name of the type, e.g. "account_number".</summary>
    public string Type { get; set; } = "";

    public string Value { get; set; } = "";
}
