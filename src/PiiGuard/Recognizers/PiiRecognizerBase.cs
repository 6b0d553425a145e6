namespace BankingLlm.PiiGuard.Recognizers;

/// <summary>Shared helpers: score clamping, boundaries, digit extraction.</summary>
public abstract class PiiRecognizerBase : IPiiRecognizer
{
    public abstract string Name { get; }

    public abstract PiiType Type { get; }

    public abstract bool CanMatch(RecognizerContext context);

    public abstract void Recognize(RecognizerContext context, List<RecognizerResult> results);

    protected RecognizerResult Result(int start, int end, double score, string explanation) =>
        new(Type, start, end, Math.Clamp(score, 0, 1), Name, explanation);

    /// <summary>The digits of a span, as a string.</summary>
    protected static string Digits(ReadOnlySpan<char> span)
    {
        Span<char> buffer = span.Length <= 256 ? stackalloc char[span.Length] : new char[span.Length];
        var n = 0;
        foreach (var c in span)
        {
            if (char.IsAsciiDigit(c))
            {
                buffer[n++] = c;
            }
        }

        return new string(buffer[..n]);
    }

    /// <summary>True when the characters just before <paramref name="start"/> mark the value as money ($, USD).</summary>
    protected static bool PrecededByCurrency(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        if (i >= 0 && text[i] is '$' or '€' or '£')
        {
            return true;
        }

        return i >= 2 && text.AsSpan(i - 2, 3).Equals("USD", StringComparison.OrdinalIgnoreCase);
    }
}
