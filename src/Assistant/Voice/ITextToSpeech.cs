namespace BankingLlm.Assistant.Voice;

/// <summary>Text-to-speech: plain text in, a WAV file (RIFF, 16-bit PCM) out.</summary>
public interface ITextToSpeech
{
    Task<byte[]> SynthesizeAsync(string text, CancellationToken ct);
}
