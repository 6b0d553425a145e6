namespace BankingLlm.PiiGuard.Analysis;

/// <summary>Detects PII in a text. Stateless and thread-safe.</summary>
public interface IPiiAnalyzer
{
    /// <summary>
    /// Runs the recognizers over <paramref name="text"/> (normalising spoken forms first when <paramref name="channel"/>
    /// is voice) and returns non-overlapping detections with offsets into <paramref name="text"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="text"/> is longer than <see cref="PiiGuardOptions.MaxTextLength"/>.</exception>
    /// <exception cref="PiiGuardException">A recognizer timed out and <see cref="PiiGuardOptions.FailClosedOnTimeout"/> is set.</exception>
    PiiAnalysisResult Analyze(string text, PiiChannel channel = PiiChannel.Chat);
}
