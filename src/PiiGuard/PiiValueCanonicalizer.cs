using System.Text;

namespace BankingLlm.PiiGuard;

/// <summary>
/// Reduces a value to the form used for equality: the same SSN typed as 123-45-6789 and spoken as nine digits, or a
/// phone written with and without parentheses, get the same placeholder and the same keyed hash.
/// </summary>
public static class PiiValueCanonicalizer
{
    public static string Canonicalize(PiiType type, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return type switch
        {
            PiiType.Email => value.Trim().ToLowerInvariant(),
            PiiType.Address => CollapseAddress(value),
            PiiType.Phone => PhoneDigits(value),
            _ => AlphanumericUpper(value),
        };
    }

    /// <summary>Letters and digits only, upper case.</summary>
    public static string AlphanumericUpper(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>Digits only; a leading + is kept, and a NANP country code 1 is dropped so +1 415 ... equals (415) ....</summary>
    private static string PhoneDigits(string value)
    {
        var builder = new StringBuilder(value.Length);
        var international = value.TrimStart().StartsWith('+');
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                builder.Append(c);
            }
        }

        var digits = builder.ToString();
        if (digits.Length == 11 && digits[0] == '1')
        {
            return digits[1..];
        }

        return international ? "+" + digits : digits;
    }

    private static string CollapseAddress(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }
}
