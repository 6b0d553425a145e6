using System.Collections.Frozen;

namespace BankingLlm.PiiGuard.Text;

/// <summary>Check-digit algorithms of the formats we recognise. All take the value's characters and skip separators.</summary>
public static class Checksums
{
    /// <summary>Luhn (mod 10) over the digits of <paramref name="value"/>; non-digits are ignored.</summary>
    public static bool IsValidLuhn(ReadOnlySpan<char> value)
    {
        var sum = 0;
        var count = 0;
        var doubleIt = false;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            var c = value[i];
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }

            var d = c - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
            count++;
        }

        return count >= 2 && sum % 10 == 0;
    }

    /// <summary>
    /// ABA routing number: nine digits, 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10), and a Federal Reserve
    /// prefix 01-12, 21-32 (61-72 thrift and 80 traveller's cheques are not account routing numbers).
    /// </summary>
    public static bool IsValidAbaRouting(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 9)
        {
            return false;
        }

        Span<int> d = stackalloc int[9];
        for (var i = 0; i < 9; i++)
        {
            if (!char.IsAsciiDigit(digits[i]))
            {
                return false;
            }

            d[i] = digits[i] - '0';
        }

        var prefix = (d[0] * 10) + d[1];
        if (!(prefix is >= 1 and <= 12 || prefix is >= 21 and <= 32))
        {
            return false;
        }

        var sum = (3 * (d[0] + d[3] + d[6])) + (7 * (d[1] + d[4] + d[7])) + d[2] + d[5] + d[8];
        return sum % 10 == 0;
    }

    /// <summary>IBAN: known country, the country's length, and ISO 7064 mod 97-10 = 1. Spaces are ignored.</summary>
    public static bool IsValidIban(ReadOnlySpan<char> value)
    {
        Span<char> compact = stackalloc char[40];
        var n = 0;
        foreach (var c in value)
        {
            if (c == ' ')
            {
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c) || n == compact.Length)
            {
                return false;
            }

            compact[n++] = char.ToUpperInvariant(c);
        }

        if (n < 15 || !char.IsAsciiLetter(compact[0]) || !char.IsAsciiLetter(compact[1])
            || !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3]))
        {
            return false;
        }

        if (!IbanLengths.TryGetValue(new string(compact[..2]), out var length) || length != n)
        {
            return false;
        }

        // Move the first four characters to the end, letters become 10..35, remainder mod 97 must be 1.
        var remainder = 0;
        for (var i = 0; i < n; i++)
        {
            var c = compact[(i + 4) % n];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
        }

        return remainder == 1;
    }

    /// <summary>IBAN lengths by country (SWIFT IBAN registry, plus the partial adopters).</summary>
    public static FrozenDictionary<string, int> IbanLengths { get; } = new Dictionary<string, int>
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22,
        ["BH"] = 22, ["BI"] = 27, ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24,
        ["DE"] = 22, ["DJ"] = 27, ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18,
        ["FK"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27,
        ["GT"] = 28, ["HN"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
        ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20,
        ["LU"] = 20, ["LV"] = 21, ["LY"] = 25, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MN"] = 20,
        ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NI"] = 28, ["NL"] = 18, ["NO"] = 15, ["OM"] = 23, ["PK"] = 24,
        ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["RU"] = 33, ["SA"] = 24,
        ["SC"] = 31, ["SD"] = 18, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["SO"] = 23, ["ST"] = 25,
        ["SV"] = 28, ["TL"] = 23, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
        ["YE"] = 30,

        // Countries that publish IBANs outside the SWIFT registry (used in practice by their banks).
        ["AO"] = 25, ["BF"] = 28, ["BJ"] = 28, ["CF"] = 27, ["CG"] = 27, ["CI"] = 28, ["CM"] = 27, ["CV"] = 25,
        ["DZ"] = 26, ["GA"] = 27, ["GQ"] = 27, ["GW"] = 25, ["IR"] = 26, ["KM"] = 27, ["MA"] = 28, ["MG"] = 27,
        ["ML"] = 28, ["MZ"] = 25, ["NE"] = 28, ["SN"] = 28, ["TD"] = 27, ["TG"] = 28,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Card network by prefix and length: Visa, Mastercard, American Express, Discover; null when none fits.</summary>
    public static string? CardNetwork(ReadOnlySpan<char> digits)
    {
        var n = digits.Length;
        if (n < 13 || n > 19)
        {
            return null;
        }

        var two = ((digits[0] - '0') * 10) + (digits[1] - '0');
        var four = (two * 100) + ((digits[2] - '0') * 10) + (digits[3] - '0');
        if (digits[0] == '4' && n is 13 or 16 or 19)
        {
            return "Visa";
        }

        if (n == 16 && (two is >= 51 and <= 55 || four is >= 2221 and <= 2720))
        {
            return "Mastercard";
        }

        if (n == 15 && two is 34 or 37)
        {
            return "American Express";
        }

        if (n is >= 16 and <= 19 && (four == 6011 || two == 65 || (four / 10) is >= 644 and <= 649))
        {
            return "Discover";
        }

        return null;
    }
}
