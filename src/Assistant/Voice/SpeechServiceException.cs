namespace BankingLlm.Assistant.Voice;

/// <summary>A speech provider (local program or HTTP service) failed; the message names it, never the audio or a key.</summary>
public sealed class SpeechServiceException(string message, Exception? inner = null) : Exception(message, inner);
