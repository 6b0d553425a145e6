namespace BankingLlm.Assistant.Transcripts;

/// <summary>One assertion that did not hold: where (file, line, turn), what, what was expected and what was seen.</summary>
public sealed record TranscriptFailure(string File, int Line, int? Turn, string? TurnText, string Assertion, string Expected, string Seen)
{
    public override string ToString() =>
        $"{File}:{Line}: {(Turn is { } t ? $"turn {t} ({TurnText}): " : "")}{Assertion}: expected {Expected}; seen {Seen}";
}

public enum TranscriptOutcome { Passed, Failed, Malformed }

/// <summary>The outcome of one transcript file.</summary>
public sealed record TranscriptResult(string File, string Name, TranscriptOutcome Outcome, IReadOnlyList<TranscriptFailure> Failures, IReadOnlyList<TranscriptProblem> Problems, TimeSpan Duration, Guid? SessionId = null)
{
    public bool Passed => Outcome == TranscriptOutcome.Passed;

    /// <summary>Every failure or problem, one per line.</summary>
    public string Describe() => Outcome switch
    {
        TranscriptOutcome.Passed => $"{File}: passed",
        TranscriptOutcome.Malformed => string.Join(Environment.NewLine, Problems.Select(p => $"{p} (malformed transcript)")),
        _ => string.Join(Environment.NewLine, Failures) + (SessionId is { } s ? $"{Environment.NewLine}{File}: chat session {s} (see `transcripts export {s}`)" : ""),
    };
}
