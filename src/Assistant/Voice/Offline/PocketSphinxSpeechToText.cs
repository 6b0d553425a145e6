using System.Text;
using BankingLlm.Assistant.Voice.Audio;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Voice.Offline;

/// <summary>
/// Offline speech-to-text: pocketsphinx_continuous (pocketsphinx 0.8, Debian) with the en-us acoustic model and the
/// assistant's domain language model and dictionary. The utterance goes in on stdin as raw 16 kHz 16-bit mono PCM
/// (no temporary file holds the caller's voice); each line of output is one utterance pocketsphinx's voice activity
/// detection found, joined with spaces.
/// </summary>
public sealed class PocketSphinxSpeechToText(DomainModelStore models, IOptions<VoiceOptions> options) : ISpeechToText
{
    public const int SampleRate = 16000;

    /// <summary>Decoder settings measured on the WER benchmark (docs/voice.md); Voice:Offline:DecoderArguments come after and win.</summary>
    /// <remarks>
    /// <c>-dither yes</c> with a fixed <c>-seed</c>: synthetic and digitally silent audio has exact zeros, whose log
    /// energy upsets the front end; the dither adds one bit of noise, the seed keeps results repeatable.
    /// <c>-remove_noise no</c>: the spectral noise subtraction eats the quiet consonants of clean audio.
    /// </remarks>
    public static readonly IReadOnlyList<string> DefaultDecoderArguments = ["-dither", "yes", "-seed", "1", "-remove_noise", "no"];

    public async Task<Transcription> TranscribeAsync(PcmAudio audio, CancellationToken ct)
    {
        var files = await models.GetAsync(ct).ConfigureAwait(false);
        var pcm = Resampler.To(audio, SampleRate);
        var input = new byte[pcm.Samples.Length * 2];
        Buffer.BlockCopy(pcm.Samples, 0, input, 0, input.Length);
        var offline = options.Value.Offline;
        string[] arguments =
        [
            "-infile", "/dev/stdin",
            "-hmm", offline.AcousticModelDirectory,
            "-lm", files.LanguageModel,
            "-dict", files.Dictionary,
            "-samprate", SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-logfn", "/dev/null",
            .. DefaultDecoderArguments,
            .. offline.DecoderArguments,
        ];
        var result = await LocalProgram.RunAsync(offline.PocketSphinxPath, arguments, input, TimeSpan.FromSeconds(options.Value.TimeoutSeconds), ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new SpeechServiceException($"pocketsphinx exited with code {result.ExitCode}: {FirstError(result.Error)}");
        }
        var lines = Encoding.UTF8.GetString(result.Output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new Transcription(string.Join(' ', lines).ToLowerInvariant());
    }

    private static string FirstError(string stderr) =>
        stderr.Split('\n').FirstOrDefault(l => l.Contains("ERROR", StringComparison.Ordinal))?.Trim() ?? "no detail (see Voice:Offline settings)";
}
