using BankingLlm.Assistant.Conversations;

namespace BankingLlm.Assistant.Voice;

/// <summary>How a voice turn ended.</summary>
public static class VoiceOutcomes
{
    /// <summary>The assistant answered the utterance.</summary>
    public const string Replied = "replied";

    /// <summary>Silence, noise or nothing recognised: "I didn't catch that"; no model call, nothing stored.</summary>
    public const string NoInput = "no_input";

    /// <summary>"Repeat that": the last reply again, without a model call.</summary>
    public const string Repeated = "repeated";

    /// <summary>A newer utterance or a barge-in signal arrived first: the reply was not synthesised (the turn itself, if it ran, is stored).</summary>
    public const string Interrupted = "interrupted";
}

/// <summary>
/// One voice turn: the masked transcript, the reply as spoken, the reply audio (WAV; null when interrupted), and as
/// for chat the tools called, the pending action and the PII types found in what the caller said.
/// </summary>
public sealed record VoiceTurnResult(
    string Outcome,
    string Transcript,
    string Reply,
    byte[]? Audio,
    IReadOnlyList<string> Tools,
    PendingActionInfo? PendingAction,
    IReadOnlyList<string> PiiTypes);
