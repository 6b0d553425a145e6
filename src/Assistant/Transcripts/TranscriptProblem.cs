namespace BankingLlm.Assistant.Transcripts;

/// <summary>A transcript that cannot be replayed as written (bad YAML, unknown key or assertion, unknown account): file and line.</summary>
public sealed record TranscriptProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
