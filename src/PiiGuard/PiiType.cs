namespace BankingLlm.PiiGuard;

/// <summary>The nine PII types of the data model (pii_detection_results.pii_type).</summary>
public enum PiiType
{
    Ssn,
    CreditCard,
    BankAccount,
    AccountNumber,
    Phone,
    Email,
    Address,
    Passport,
    DriversLicense,
}

/// <summary>Wire names (the database enum / corpus labels) and placeholder prefixes of <see cref="PiiType"/>.</summary>
public static class PiiTypeNames
{
    public static IReadOnlyList<PiiType> All { get; } = Enum.GetValues<PiiType>();

    /// <summary>The snake_case name used by the data model and the evaluation corpus, e.g. <c>credit_card</c>.</summary>
    public static string ToWireName(this PiiType type) => type switch
    {
        PiiType.Ssn => "ssn",
        PiiType.CreditCard => "credit_card",
        PiiType.BankAccount => "bank_account",
        PiiType.AccountNumber => "account_number",
        PiiType.Phone => "phone",
        PiiType.Email => "email",
        PiiType.Address => "address",
        PiiType.Passport => "passport",
        PiiType.DriversLicense => "drivers_license",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown PII type."),
    };

    /// <summary>The placeholder prefix, e.g. <c>CREDIT_CARD</c> for <c>[CREDIT_CARD_1]</c>.</summary>
    public static string ToPlaceholderPrefix(this PiiType type) => type.ToWireName().ToUpperInvariant();

    public static bool TryParseWireName(string? name, out PiiType type)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToWireName(), name, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
