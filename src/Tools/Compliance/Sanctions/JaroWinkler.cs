namespace BankingLlm.Tools.Compliance.Sanctions;

/// <summary>Jaro-Winkler similarity (0..1), the usual measure for short personal names.</summary>
public static class JaroWinkler
{
    public static double Similarity(string a, string b, double prefixScale = 0.1)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 1.0;
        }
        if (a.Length == 0 || b.Length == 0)
        {
            return 0.0;
        }
        var jaro = Jaro(a, b);
        var prefix = 0;
        for (var i = 0; i < Math.Min(4, Math.Min(a.Length, b.Length)) && a[i] == b[i]; i++)
        {
            prefix++;
        }
        return jaro + (prefix * prefixScale * (1 - jaro));
    }

    private static double Jaro(string a, string b)
    {
        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        Span<bool> aMatched = a.Length <= 256 ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bMatched = b.Length <= 256 ? stackalloc bool[b.Length] : new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0)
        {
            return 0.0;
        }
        var transpositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }
            while (!bMatched[k])
            {
                k++;
            }
            if (a[i] != b[k])
            {
                transpositions++;
            }
            k++;
        }
        double m = matches;
        return ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3.0;
    }
}
