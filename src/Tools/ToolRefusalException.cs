namespace BankingLlm.Tools;

/// <summary>
/// A tool declined to act for a reason the customer may be told (the message is customer-safe: it never names AML,
/// SAR or screening). The audit filter records it and turns it into a <see cref="ToolRefusal"/> result for the model.
/// </summary>
public sealed class ToolRefusalException : Exception
{
    public ToolRefusalException(string message, string code = "refused") : base(message) => Code = code;

    public ToolRefusalException() : base(Refusals.Generic) => Code = "refused";

    public ToolRefusalException(string message, Exception innerException) : base(message, innerException) => Code = "refused";

    /// <summary>A stable machine-readable reason (not_found, ambiguous, invalid_amount, ...).</summary>
    public string Code { get; }
}

/// <summary>What the model sees when a tool declined: a refusal it can relay as it is.</summary>
public sealed record ToolRefusal(string Status, string Code, string Message)
{
    public static ToolRefusal From(ToolRefusalException ex) => new("refused", ex.Code, ex.Message);
}
