namespace BankingLlm.Assistant.Voice.Audio;

/// <summary>Mono 16-bit PCM samples at a sample rate: what the speech adapters read and write.</summary>
public sealed record PcmAudio(short[] Samples, int SampleRate)
{
    public TimeSpan Duration => TimeSpan.FromSeconds(SampleRate == 0 ? 0 : (double)Samples.Length / SampleRate);
}
