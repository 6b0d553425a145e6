namespace BankingLlm.PiiGuard.Recognizers;

/// <summary>A candidate found by a recognizer, with offsets into the analysed text.</summary>
public readonly record struct RecognizerResult(PiiType Type, int Start, int End, double Score, string Recognizer, string Explanation)
{
    public int Length => End - Start;
}
