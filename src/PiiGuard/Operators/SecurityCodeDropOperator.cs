namespace BankingLlm.PiiGuard.Operators;

/// <summary>
/// Drop: a card security code is removed from the text and replaced by a marker with no digits. It is never put in
/// the vault, never hashed and never recorded (PCI DSS 3.3.1.2: sensitive authentication data is not retained).
/// </summary>
public static class SecurityCodeDropOperator
{
    public const string Marker = "[CVV_REMOVED]";
}
