namespace BankingLlm.Tools.Transfers;

/// <summary>ABA routing transit number: nine digits, a valid Federal Reserve prefix, and the 3-7-1 checksum.</summary>
public static class AbaRoutingNumber
{
    public static bool IsValid(string? value)
    {
        if (value is null)
        {
            return false;
        }
        var digits = value.Trim().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length != 9 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }
        var prefix = ((digits[0] - '0') * 10) + (digits[1] - '0');
        // 00 government, 01-12 Federal Reserve districts, 21-32 thrifts, 61-72 electronic, 80 traveler's cheques.
        if (!(prefix <= 12 || prefix is >= 21 and <= 32 || prefix is >= 61 and <= 72 || prefix == 80))
        {
            return false;
        }
        var sum = 0;
        int[] weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }
        return sum % 10 == 0 && digits != "000000000";
    }

    public static string Normalize(string value) => value.Trim().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
}
