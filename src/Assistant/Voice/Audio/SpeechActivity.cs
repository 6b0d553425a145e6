namespace BankingLlm.Assistant.Voice.Audio;

/// <summary>
/// Decides whether an utterance holds any speech at all, before a recogniser is asked: 20 ms frames, energy above an
/// absolute floor and clearly above the quietest frames (the line's noise), for at least 150 ms in total. Silence,
/// hiss and a click are "no input", answered with "I didn't catch that" instead of a guessed transcript.
/// </summary>
public static class SpeechActivity
{
    private const double FrameSeconds = 0.02;
    private const double MinimumSpeechSeconds = 0.15;
    private const double AbsoluteFloorRms = 300;    // about -40 dBFS
    private const double AboveNoiseFactor = 3.0;    // about +10 dB over the noise floor

    public static bool HasSpeech(PcmAudio audio)
    {
        var frameLength = Math.Max(1, (int)(audio.SampleRate * FrameSeconds));
        var frames = audio.Samples.Length / frameLength;
        if (frames == 0)
        {
            return false;
        }
        var energies = new double[frames];
        for (var f = 0; f < frames; f++)
        {
            double sum = 0;
            for (var i = f * frameLength; i < (f + 1) * frameLength; i++)
            {
                sum += (double)audio.Samples[i] * audio.Samples[i];
            }
            energies[f] = Math.Sqrt(sum / frameLength);
        }
        var sorted = energies.Order().ToArray();
        var noise = sorted[sorted.Length / 10];
        var threshold = Math.Max(AbsoluteFloorRms, noise * AboveNoiseFactor);
        var voiced = energies.Count(e => e >= threshold);
        return voiced * FrameSeconds >= MinimumSpeechSeconds;
    }
}
