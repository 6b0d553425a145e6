using System.Globalization;
using System.Text;
using BankingLlm.Assistant.Voice.Audio;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Voice.Offline;

/// <summary>
/// Offline text-to-speech with espeak-ng (en-us voice by default). The text goes in on stdin as plain text (no SSML or
/// markup is interpreted, and the reply never appears on a command line); the WAV comes back on stdout and is
/// re-encoded with a correct header (espeak-ng streams it with placeholder sizes).
/// </summary>
public sealed class EspeakTextToSpeech(IOptions<VoiceOptions> options) : ITextToSpeech
{
    public async Task<byte[]> SynthesizeAsync(string text, CancellationToken ct)
    {
        var offline = options.Value.Offline;
        string[] arguments =
        [
            "-v", string.IsNullOrWhiteSpace(options.Value.Voice) ? "en-us" : options.Value.Voice,
            "-s", offline.WordsPerMinute.ToString(CultureInfo.InvariantCulture),
            "--stdout",
        ];
        var result = await LocalProgram.RunAsync(offline.EspeakPath, arguments, Encoding.UTF8.GetBytes(text + "\n"), TimeSpan.FromSeconds(options.Value.TimeoutSeconds), ct).ConfigureAwait(false);
        if (result.ExitCode != 0 || !WavCodec.LooksLikeWav(result.Output))
        {
            throw new SpeechServiceException($"espeak-ng failed (exit code {result.ExitCode}): {result.Error.Split('\n')[0].Trim()}");
        }
        return WavCodec.Write(WavCodec.Read(result.Output));
    }
}
