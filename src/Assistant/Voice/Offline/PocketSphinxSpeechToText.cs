using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using BankingLlm.Assistant.Voice.Audio;

namespace BankingLlm.Assistant.Voice.Offline;

/// <summary>
/// Offline speech-to-text: pocketsphinx (libpocketsphinx 0.8 / 5prealpha, Debian) with the en-us acoustic model and the
/// assistant's domain language model and dictionary. Decoders stay loaded (at most Voice:Offline:Decoders at once,
/// created on demand); each utterance is prepared by <see cref="RecognizerInput"/> and decoded whole, in memory (no
/// file ever holds the caller's voice).
/// </summary>
public sealed class PocketSphinxSpeechToText : ISpeechToText, IDisposable
{
    /// <summary>Decoder settings measured on the WER benchmark (docs/voice.md); Voice:Offline:DecoderArguments come after and win.</summary>
    /// <remarks>
    /// <c>-topn 16</c>: score the 16 best Gaussians of each codebook of the en-us model instead of 4; pocketsphinx's
    /// default is set for small devices and costs many words on voices unlike its training speakers. 32 is more
    /// accurate still but takes half as much CPU again (docs/voice.md).
    /// <c>-wip 10 -silprob 0.0001</c>: pocketsphinx's defaults dropped short words ("my", "the", "from"); a higher word
    /// insertion probability and a lower one for silence keep them.
    /// <c>-lw 4.5 -fwdflatlw 7 -bestpathlw 8</c>: the language weight of each of the three passes (defaults 6.5, 8.5,
    /// 9.5); a lighter first pass keeps more word sequences the acoustics support for the later ones to rescore.
    /// <c>-remove_noise no</c>: the spectral noise subtraction eats the quiet consonants of clean audio.
    /// The dither is added by <see cref="RecognizerInput"/> (pocketsphinx's own one uses a process-wide generator).
    /// Do not add <c>-logfn</c>: the library's log file is process-wide (see <see cref="PocketSphinxDecoder"/>).
    /// </remarks>
    public static readonly IReadOnlyList<string> DefaultDecoderArguments =
        ["-topn", "16", "-wip", "10", "-silprob", "0.0001", "-lw", "4.5", "-fwdflatlw", "7", "-bestpathlw", "8", "-remove_noise", "no"];

    private readonly DomainModelStore _models;
    private readonly IOptions<VoiceOptions> _options;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<PocketSphinxDecoder> _idle = [];
    private readonly ConcurrentBag<PocketSphinxDecoder> _all = [];

    public PocketSphinxSpeechToText(DomainModelStore models, IOptions<VoiceOptions> options)
    {
        _models = models;
        _options = options;
        var decoders = Math.Clamp(options.Value.Offline.Decoders, 1, 64);
        _slots = new SemaphoreSlim(decoders, decoders);
    }

    public async Task<Transcription> TranscribeAsync(PcmAudio audio, CancellationToken ct)
    {
        var samples = RecognizerInput.Prepare(audio);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(_options.Value.TimeoutSeconds));
        try
        {
            await _slots.WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new SpeechServiceException($"No pocketsphinx decoder was free within {_options.Value.TimeoutSeconds} s (Voice:TimeoutSeconds, Voice:Offline:Decoders).");
        }
        try
        {
            var decoder = _idle.TryTake(out var loaded) ? loaded : await CreateAsync(ct).ConfigureAwait(false);
            try
            {
                return new Transcription(decoder.Decode(samples).ToLowerInvariant());
            }
            finally
            {
                _idle.Add(decoder);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<PocketSphinxDecoder> CreateAsync(CancellationToken ct)
    {
        var files = await _models.GetAsync(ct).ConfigureAwait(false);
        var offline = _options.Value.Offline;
        string[] arguments =
        [
            "-hmm", offline.AcousticModelDirectory,
            "-lm", files.LanguageModel,
            "-dict", files.Dictionary,
            "-samprate", RecognizerInput.SampleRate.ToString(CultureInfo.InvariantCulture),
            .. DefaultDecoderArguments,
            .. offline.DecoderArguments,
        ];
        var decoder = PocketSphinxDecoder.Create(arguments);
        _all.Add(decoder);
        return decoder;
    }

    public void Dispose()
    {
        foreach (var decoder in _all)
        {
            decoder.Dispose();
        }
        _slots.Dispose();
    }
}
