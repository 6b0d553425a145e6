using System.Globalization;
using System.Text;

namespace BankingLlm.Tools.Compliance.Sanctions;

/// <summary>
/// Brings names to a comparable form: diacritics removed, upper case, punctuation out, particles (AL, BIN, VAN...)
/// dropped, and a transliteration "skeleton" that folds the spellings Latin renderings of Arabic, Cyrillic and other
/// scripts vary in (KH/H, PH/F, OU/U, Y/I, Q/K, W/V, doubled letters, vowel runs).
/// </summary>
public static class NameNormalizer
{
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "AL", "EL", "UL", "BIN", "BEN", "IBN", "BINT", "ABU", "ABD", "ABDUL", "ABDEL", "ABDUR", "ABDOUL", "ABDAL", "VAN", "DER", "DEN", "VON", "DE", "DA", "DI", "DU", "LA", "LE",
        "MR", "MRS", "MS", "DR", "JR", "SR", "II", "III",
        "LTD", "LLC", "INC", "CO", "CORP", "COMPANY", "LIMITED", "PLC", "GMBH", "SA", "AG", "JSC", "OOO", "ZAO", "OAO",
    };

    /// <summary>Name tokens: upper case, no diacritics or punctuation, particles removed. "LAST, First" order does not matter.</summary>
    public static IReadOnlyList<string> Tokens(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            sb.Append(char.IsLetterOrDigit(ch) ? char.ToUpperInvariant(ch) : ' ');
        }
        var tokens = sb.ToString().Replace("ß", "SS", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(t => !Particles.Contains(t)).ToList();
        return tokens.Count > 0 ? tokens : sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>A transliteration-tolerant skeleton of one token.</summary>
    public static string Skeleton(string token)
    {
        var s = token
            .Replace("KH", "H", StringComparison.Ordinal).Replace("GH", "G", StringComparison.Ordinal)
            .Replace("PH", "F", StringComparison.Ordinal).Replace("TH", "T", StringComparison.Ordinal)
            .Replace("DH", "D", StringComparison.Ordinal).Replace("SCH", "S", StringComparison.Ordinal)
            .Replace("SH", "S", StringComparison.Ordinal).Replace("ZH", "J", StringComparison.Ordinal)
            .Replace("CK", "K", StringComparison.Ordinal).Replace("CH", "C", StringComparison.Ordinal)
            .Replace("OU", "U", StringComparison.Ordinal).Replace("OO", "U", StringComparison.Ordinal)
            .Replace("EE", "I", StringComparison.Ordinal).Replace("IY", "I", StringComparison.Ordinal)
            .Replace('Y', 'I').Replace('Q', 'K').Replace('W', 'V').Replace('Z', 'S').Replace('J', 'I');
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            var vowel = ch is 'A' or 'E' or 'I' or 'O' or 'U';
            var folded = vowel ? (ch is 'O' or 'U' ? 'U' : ch is 'E' or 'I' ? 'I' : 'A') : ch;
            // Drop doubled letters (MUHAMMAD/MUHAMAD), keep the first letter as written.
            if (sb.Length > 0 && sb[^1] == folded)
            {
                continue;
            }
            sb.Append(folded);
        }
        return sb.ToString();
    }
}
