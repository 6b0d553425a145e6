namespace BankingLlm.PiiGuard;

/// <summary>A message to guard.</summary>
/// <param name="SessionId">The chat session (vault and placeholder numbering are per session).</param>
/// <param name="Text">The raw text (for voice, the ASR transcript).</param>
/// <param name="Channel">Voice turns on spoken-form normalisation.</param>
/// <param name="SourceType">Recorded with each detection, e.g. "chat_message".</param>
/// <param name="SourceId">Recorded with each detection, e.g. the chat_messages id.</param>
public sealed record PiiMessage(string SessionId, string Text, PiiChannel Channel = PiiChannel.Chat, string SourceType = "chat_message", string? SourceId = null);

/// <summary>The guarded message.</summary>
/// <param name="MaskedText">What the model may see: placeholders instead of values, security codes dropped.</param>
/// <param name="Detections">What was found and done, in text order (offsets into the original text). No values.</param>
/// <param name="SecurityCodesDropped">Card security codes removed.</param>
/// <param name="Vault">The session's vault as this message left it (saved), so the caller need not load it again.</param>
public sealed record PiiMessageResult(string MaskedText, IReadOnlyList<PiiDetection> Detections, int SecurityCodesDropped, Vault.PiiVault Vault)
{
    /// <summary>Distinct types that were masked, in order of appearance (what a transcript's <c>pii:</c> checks).</summary>
    public IReadOnlyList<PiiType> MaskedTypes =>
        [.. Detections.Where(d => d.Placeholder is not null).Select(d => d.Type).Distinct()];
}

/// <summary>One detection of a processed message, without its value.</summary>
public sealed record PiiDetection(PiiType Type, int Start, int End, double Score, string Recognizer, string? Placeholder, Recording.PiiAction Action);
