namespace BankingLlm.Assistant.Hubs;

/// <summary>Splits a (masked) reply into word-sized stream chunks.</summary>
public static class ReplyChunks
{
    public static IEnumerable<string> Split(string text, int size = 24)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if ((text[i] == ' ' || text[i] == '\n') && i - start >= size)
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }
        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
