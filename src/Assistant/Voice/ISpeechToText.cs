using BankingLlm.Assistant.Voice.Audio;

namespace BankingLlm.Assistant.Voice;

/// <summary>What the recogniser heard: lower-case words, no punctuation needed; empty when it heard nothing.</summary>
public sealed record Transcription(string Text);

/// <summary>Speech-to-text for one utterance (16 kHz mono PCM is what every provider is given).</summary>
public interface ISpeechToText
{
    Task<Transcription> TranscribeAsync(PcmAudio audio, CancellationToken ct);
}
