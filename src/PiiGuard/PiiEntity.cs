namespace BankingLlm.PiiGuard;

/// <summary>One detected PII value.</summary>
/// <param name="Type">The PII type.</param>
/// <param name="Start">Start offset in the ORIGINAL text (inclusive).</param>
/// <param name="Length">Length in the original text.</param>
/// <param name="Score">Confidence 0..1 after context adjustments.</param>
/// <param name="Recognizer">Name of the recognizer that produced it.</param>
/// <param name="Explanation">Why: pattern, checksum and context words that decided the score. Never contains the value.</param>
/// <param name="Text">The span of the original text, as written (for voice: the spoken words).</param>
/// <param name="Value">The value in written form: equals <paramref name="Text"/> for typed text; for voice the normalised
/// form (digits, e-mail with @ and dots), which is what a tool needs.</param>
public sealed record PiiEntity(
    PiiType Type,
    int Start,
    int Length,
    double Score,
    string Recognizer,
    string Explanation,
    string Text,
    string Value)
{
    /// <summary>End offset in the original text (exclusive).</summary>
    public int End => Start + Length;

    /// <summary>The value reduced to the form used for equality, hashing and vault look-ups.</summary>
    public string CanonicalValue => PiiValueCanonicalizer.Canonicalize(Type, Value);

    /// <summary>Type, span, score and recognizer only: safe to log (the generated record ToString would print the value).</summary>
    public override string ToString() =>
        $"{Type.ToWireName()} [{Start}..{End}) score={Score:0.00} by {Recognizer}";
}
