namespace BankingLlm.Assistant.Voice;

/// <summary>
/// Audio the voice channel refuses, with a stable code (<c>empty_audio</c>, <c>invalid_audio</c>,
/// <c>unsupported_audio</c>, <c>audio_too_large</c>, <c>audio_too_long</c>) and a message that says what to send instead.
/// </summary>
public sealed class VoiceInputException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static VoiceInputException Invalid(string message) => new("invalid_audio", message);

    public static VoiceInputException Unsupported(string message) => new("unsupported_audio", message);
}
