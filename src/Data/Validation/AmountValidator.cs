using System.Globalization;

namespace BankingLlm.Data.Validation;

/// <summary>Seed rule: a transaction amount is 0.01 to 999,999.99 with at most two decimals.</summary>
public static class AmountValidator
{
    public const decimal MinTransaction = 0.01m;
    public const decimal MaxTransaction = 999_999.99m;

    public static bool IsValid(decimal amount) =>
        amount >= MinTransaction && amount <= MaxTransaction && decimal.Round(amount, 2) == amount;

    public static void Validate(decimal amount, string field = "amount")
    {
        if (!IsValid(amount))
        {
            throw new DataValidationException(field, string.Create(CultureInfo.InvariantCulture,
                $"The {field} {amount:0.00########} is not allowed: amounts must be between {MinTransaction:N2} and {MaxTransaction:N2}, in cents."));
        }
    }
}
