namespace BankingLlm.Assistant.Voice.Audio;

/// <summary>
/// Sample-rate conversion by linear interpolation. Measured on the WER benchmark (docs/voice.md): with espeak-ng's
/// 22,050 Hz speech, a windowed-sinc resampler with a proper anti-aliasing low-pass gave 28-32% WER where linear
/// interpolation gives far less. espeak-ng's fricatives carry much of their energy above 8 kHz; linear
/// interpolation folds some of it back below 8 kHz, where the acoustic model (trained on natural speech) expects it.
/// </summary>
public static class Resampler
{
    public static PcmAudio To(PcmAudio audio, int targetRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetRate, 1000);
        if (audio.SampleRate == targetRate || audio.Samples.Length == 0)
        {
            return audio with { SampleRate = audio.Samples.Length == 0 ? targetRate : audio.SampleRate };
        }
        var input = audio.Samples;
        var step = (double)audio.SampleRate / targetRate;
        var output = new short[(int)Math.Floor(input.Length / step)];
        for (var n = 0; n < output.Length; n++)
        {
            var position = n * step;
            var index = (int)position;
            var fraction = position - index;
            var next = input[Math.Min(index + 1, input.Length - 1)];
            output[n] = (short)Math.Round(input[index] + ((next - input[index]) * fraction));
        }
        return new PcmAudio(output, targetRate);
    }
}
