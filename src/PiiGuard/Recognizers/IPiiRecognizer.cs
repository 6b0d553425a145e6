namespace BankingLlm.PiiGuard.Recognizers;

/// <summary>Finds candidates of one PII type in the analysed (for voice: normalised) text.</summary>
public interface IPiiRecognizer
{
    /// <summary>Stable name, reported with every result.</summary>
    string Name { get; }

    /// <summary>The type this recognizer reports.</summary>
    PiiType Type { get; }

    /// <summary>A cheap pre-check: false when the text cannot contain a match, so the regex is not run at all.</summary>
    bool CanMatch(RecognizerContext context);

    /// <summary>Adds candidates to <paramref name="results"/>. Offsets are into <see cref="RecognizerContext.Text"/>.</summary>
    void Recognize(RecognizerContext context, List<RecognizerResult> results);
}
