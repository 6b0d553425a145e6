namespace BankingLlm.Assistant.Agent;

/// <summary>
/// Splits a reply that exists whole into stream chunks at word boundaries (the hub streaming the offline model's
/// masked reply; the offline model imitating a streaming model): the first of about
/// <c>first</c> characters so the client shows text at once, each next one about twice as long, up to
/// <c>largest</c>. A long reply thus costs a handful of hub messages, not one per few words.
/// </summary>
public static class ReplyChunks
{
    public static IEnumerable<string> Split(string text, int first = 24, int largest = 192)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(first);
        ArgumentOutOfRangeException.ThrowIfLessThan(largest, first);
        var size = first;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if ((text[i] == ' ' || text[i] == '\n') && i - start >= size)
            {
                yield return text[start..(i + 1)];
                start = i + 1;
                size = Math.Min(size * 2, largest);
            }
        }
        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
