namespace BankingLlm.Data.Validation;

/// <summary>A value refused by one of the seed's validation rules. The message is safe to show: it holds no PII.</summary>
public sealed class DataValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
