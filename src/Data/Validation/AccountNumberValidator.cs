namespace BankingLlm.Data.Validation;

/// <summary>Seed rule: an account number is 16 to 20 characters, letters and digits only.</summary>
public static class AccountNumberValidator
{
    public const int MinLength = 16;
    public const int MaxLength = 20;

    public static bool IsValid(string? accountNumber) =>
        accountNumber is { Length: >= MinLength and <= MaxLength } && accountNumber.All(char.IsAsciiLetterOrDigit);

    public static void Validate(string? accountNumber, string field = "account_number")
    {
        if (!IsValid(accountNumber))
        {
            throw new DataValidationException(field, $"The {field} must be {MinLength} to {MaxLength} letters and digits, with no spaces or separators.");
        }
    }
}
