namespace BankingLlm.PiiGuard.Voice;

/// <summary>
/// Text in written form plus, for every character, the span of the original text it came from. Detections made on
/// <see cref="Text"/> map back to the original transcript through <see cref="ToOriginal"/>.
/// </summary>
public sealed class NormalizedText
{
    private readonly int[]? _starts;
    private readonly int[]? _ends;

    private NormalizedText(string original, string text, int[]? starts, int[]? ends)
    {
        Original = original;
        Text = text;
        _starts = starts;
        _ends = ends;
    }

    public string Original { get; }

    public string Text { get; }

    /// <summary>True when the text was changed; false means offsets are the identity.</summary>
    public bool IsNormalized => _starts is not null;

    /// <summary>The text unchanged: offsets map to themselves.</summary>
    public static NormalizedText Identity(string text) => new(text, text, null, null);

    internal static NormalizedText Create(string original, string text, int[] starts, int[] ends) =>
        new(original, text, starts, ends);

    /// <summary>Maps [start, end) of <see cref="Text"/> to [start, end) of <see cref="Original"/>.</summary>
    public (int Start, int End) ToOriginal(int start, int end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, Text.Length);
        if (_starts is null || _ends is null)
        {
            return (start, end);
        }

        if (start == end)
        {
            var at = start < _starts.Length ? _starts[start] : Original.Length;
            return (at, at);
        }

        return (_starts[start], _ends[end - 1]);
    }
}
