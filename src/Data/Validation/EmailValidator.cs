using System.Text.RegularExpressions;

namespace BankingLlm.Data.Validation;

/// <summary>Seed rule: <c>^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$</c>, at most 255 characters.</summary>
public static partial class EmailValidator
{
    public const int MaxLength = 255;

    public static bool IsValid(string? email) =>
        email is not null && email.Length <= MaxLength && Pattern().IsMatch(email);

    public static void Validate(string? email, string field = "email")
    {
        if (!IsValid(email))
        {
            throw new DataValidationException(field, $"The {field} is not a valid e-mail address (name@domain.tld, at most {MaxLength} characters).");
        }
    }

    [GeneratedRegex(@"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
