namespace BankingLlm.PiiGuard.Analysis;

/// <summary>What the analyzer found in one text. All offsets are into <see cref="Text"/> (the original text).</summary>
public sealed class PiiAnalysisResult
{
    public required string Text { get; init; }

    public required PiiChannel Channel { get; init; }

    /// <summary>The text the recognizers saw (for voice, the normalised transcript; otherwise <see cref="Text"/>).</summary>
    public required string AnalyzedText { get; init; }

    /// <summary>Detections at or above their type's threshold, not on the allow list, non-overlapping, by start.</summary>
    public required IReadOnlyList<PiiEntity> Entities { get; init; }

    /// <summary>Detections that matched the allow list: left in the text, recorded as "allowed".</summary>
    public IReadOnlyList<PiiEntity> Allowed { get; init; } = [];

    /// <summary>Candidates between the flag threshold and their type's threshold: left in the text, recorded as "flagged".</summary>
    public IReadOnlyList<PiiEntity> Flagged { get; init; } = [];

    /// <summary>Card security codes (CVV/CVC) to drop: spans of the original text.</summary>
    public IReadOnlyList<(int Start, int End)> SecurityCodes { get; init; } = [];

    /// <summary>Recognizers that hit their regex timeout (the result may be incomplete).</summary>
    public IReadOnlyList<string> TimedOut { get; init; } = [];
}
