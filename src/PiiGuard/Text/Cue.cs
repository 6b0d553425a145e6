namespace BankingLlm.PiiGuard.Text;

/// <summary>A context word found in the analysed text.</summary>
public readonly record struct Cue(CueKind Kind, int Start, int End, string Word);
