namespace BankingLlm.PiiGuard.Operators;

/// <summary>
/// Masks for people (customer-facing replies, staff screens): enough to recognise one's own value, never enough to
/// use it. SSN ***-**-6789, card **** 4242, accounts "ending 4821", phone ***-***-0132, e-mail d***@example.com.
/// </summary>
public static class DisplayMask
{
    public static string For(PiiType type, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var compact = PiiValueCanonicalizer.AlphanumericUpper(value);
        return type switch
        {
            PiiType.Ssn => "***-**-" + Last(compact, 4),
            PiiType.CreditCard => "**** " + Last(compact, 4),
            PiiType.BankAccount or PiiType.AccountNumber => "ending " + Last(compact, 4),
            PiiType.Phone => "***-***-" + Last(compact, 4),
            PiiType.Email => MaskEmail(value),
            PiiType.Address => "[address]",
            PiiType.Passport or PiiType.DriversLicense => new string('*', Math.Max(compact.Length - 3, 3)) + Last(compact, 3),
            _ => "[redacted]",
        };
    }

    private static string Last(string compact, int count) => compact.Length <= count ? new string('*', compact.Length) : compact[^count..];

    private static string MaskEmail(string value)
    {
        var trimmed = value.Trim();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return "***";
        }

        return trimmed[0] + "***" + trimmed[at..].ToLowerInvariant();
    }
}
