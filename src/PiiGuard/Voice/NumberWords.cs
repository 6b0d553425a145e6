using System.Collections.Frozen;

namespace BankingLlm.PiiGuard.Voice;

/// <summary>English number words as an ASR engine writes them.</summary>
internal static class NumberWords
{
    public static FrozenDictionary<string, int> Units { get; } = new Dictionary<string, int>
    {
        ["zero"] = 0, ["oh"] = 0, ["o"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5,
        ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static FrozenDictionary<string, int> Teens { get; } = new Dictionary<string, int>
    {
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static FrozenDictionary<string, int> Tens { get; } = new Dictionary<string, int>
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fourty"] = 40, ["fifty"] = 50, ["sixty"] = 60,
        ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static FrozenDictionary<string, int> Ordinals { get; } = new Dictionary<string, int>
    {
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7,
        ["eighth"] = 8, ["ninth"] = 9, ["tenth"] = 10, ["eleventh"] = 11, ["twelfth"] = 12, ["thirteenth"] = 13,
        ["fourteenth"] = 14, ["fifteenth"] = 15, ["sixteenth"] = 16, ["seventeenth"] = 17, ["eighteenth"] = 18,
        ["nineteenth"] = 19, ["twentieth"] = 20, ["thirtieth"] = 30, ["fortieth"] = 40, ["fiftieth"] = 50,
        ["sixtieth"] = 60, ["seventieth"] = 70, ["eightieth"] = 80, ["ninetieth"] = 90,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool IsRepeat(string word, out int count)
    {
        count = word.ToLowerInvariant() switch
        {
            "double" => 2,
            "triple" => 3,
            _ => 0,
        };
        return count > 0;
    }

    public static bool IsNumberWord(string word) =>
        Units.ContainsKey(word) || Teens.ContainsKey(word) || Tens.ContainsKey(word)
        || word.Equals("hundred", StringComparison.OrdinalIgnoreCase) || word.Equals("thousand", StringComparison.OrdinalIgnoreCase);

    public static string OrdinalSuffix(int value)
    {
        var lastTwo = value % 100;
        if (lastTwo is >= 11 and <= 13)
        {
            return "th";
        }

        return (value % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        };
    }
}
