using BankingLlm.Assistant.Voice.Audio;

namespace BankingLlm.Assistant.Voice.Offline;

/// <summary>
/// What the offline recogniser is given for one utterance: the audio at 16 kHz, with silence added before and after,
/// and a one-bit dither. Measured on the WER benchmark (docs/voice.md).
/// </summary>
/// <remarks>
/// Padding: the acoustic model was trained on utterances with silence around them, and its decoder starts and ends in
/// silence; audio cut tight around the speech (a gateway's endpointing, a synthesiser that starts at the first sample)
/// lets the first and last words be eaten. Dither: digital silence (exact zeros) gives log energies of minus infinity
/// that upset the front end; adding 1 to a quarter of the samples (pocketsphinx's own <c>-dither</c>) avoids it. The
/// dither is seeded per utterance, so a transcription never depends on what was decoded before.
/// </remarks>
public static class RecognizerInput
{
    public const int SampleRate = 16000;

    /// <summary>Silence added on each side.</summary>
    public static readonly TimeSpan Padding = TimeSpan.FromMilliseconds(300);

    public static short[] Prepare(PcmAudio audio)
    {
        var speech = Resampler.To(audio, SampleRate).Samples;
        var pad = (int)(Padding.TotalSeconds * SampleRate);
        var samples = new short[speech.Length + (2 * pad)];
        speech.CopyTo(samples, pad);
        var random = new Random(1);
        for (var i = 0; i < samples.Length; i++)
        {
            if (random.Next(4) == 0 && samples[i] < short.MaxValue)
            {
                samples[i]++;
            }
        }
        return samples;
    }
}
