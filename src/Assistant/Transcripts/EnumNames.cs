using System.Text;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>The seed's snake_case enum labels (money_market, no_action) to and from the C# enums.</summary>
public static class EnumNames
{
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        var wanted = Normalize(text);
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Normalize(candidate.ToString()), wanted, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static string ToSnake<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }

    public static string Choices<T>() where T : struct, Enum => string.Join(" | ", Enum.GetValues<T>().Select(ToSnake));

    private static string Normalize(string? text) =>
        new([.. (text ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant)]);
}
