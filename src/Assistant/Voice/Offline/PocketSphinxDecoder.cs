using System.Runtime.InteropServices;

namespace BankingLlm.Assistant.Voice.Offline;

/// <summary>
/// One resident pocketsphinx decoder (libpocketsphinx), loaded once with the acoustic model, the domain language model
/// and dictionary, then reused: each call decodes one whole utterance in a single pass (<c>full_utt</c>), so the
/// cepstral mean normalisation is computed over the whole utterance (<c>-cmn batch</c> of the en-us model) instead of
/// being adapted while the first words go by. Not thread-safe: one utterance at a time (the pool in
/// <see cref="PocketSphinxSpeechToText"/> hands decoders out).
/// </summary>
public sealed class PocketSphinxDecoder : IDisposable
{
    /// <summary>
    /// Decoders are created one at a time with the library's log off. Its log file is process-wide: <c>-logfn</c>
    /// would make each new decoder close the file another decoder may be writing to, so it is not used.
    /// </summary>
    private static readonly Lock Creation = new();
    private static bool _logOff;

    private IntPtr _decoder;

    private PocketSphinxDecoder(IntPtr decoder) => _decoder = decoder;

    /// <summary>Creates a decoder from pocketsphinx command-line arguments ("-hmm", dir, "-lm", file...).</summary>
    public static PocketSphinxDecoder Create(IReadOnlyList<string> arguments)
    {
        try
        {
            lock (Creation)
            {
                if (!_logOff)
                {
                    PocketSphinxNative.SetLogFile(IntPtr.Zero);
                    _logOff = true;
                }
                return CreateLoaded(arguments);
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new SpeechServiceException($"libpocketsphinx is not usable ({ex.GetType().Name}). Install the pocketsphinx package (scripts/install-prerequisites.sh).", ex);
        }
    }

    private static PocketSphinxDecoder CreateLoaded(IReadOnlyList<string> arguments)
    {
        string[] argv = ["pocketsphinx", .. arguments];
        var config = PocketSphinxNative.ParseArguments(IntPtr.Zero, PocketSphinxNative.Arguments(), argv.Length, argv, 1);
        if (config == IntPtr.Zero)
        {
            throw new SpeechServiceException("pocketsphinx rejected its arguments (check Voice:Offline:DecoderArguments: flag names and values).");
        }
        try
        {
            var decoder = PocketSphinxNative.Init(config);
            return decoder == IntPtr.Zero
                ? throw new SpeechServiceException("pocketsphinx could not load its models (Voice:Offline:AcousticModelDirectory, package pocketsphinx-en-us).")
                : new PocketSphinxDecoder(decoder);
        }
        finally
        {
            PocketSphinxNative.FreeArguments(config);     // the decoder holds its own reference
        }
    }

    /// <summary>Decodes one utterance of 16-bit mono PCM at the configured sample rate; "" when nothing was recognised.</summary>
    public string Decode(short[] samples)
    {
        ObjectDisposedException.ThrowIf(_decoder == IntPtr.Zero, this);
        if (PocketSphinxNative.StartUtterance(_decoder) < 0)
        {
            throw new SpeechServiceException("pocketsphinx could not start an utterance.");
        }
        var processed = PocketSphinxNative.ProcessRaw(_decoder, samples, (nuint)samples.Length, 0, 1);
        var ended = PocketSphinxNative.EndUtterance(_decoder);
        if (processed < 0 || ended < 0)
        {
            throw new SpeechServiceException($"pocketsphinx failed to decode the utterance (codes {processed}, {ended}).");
        }
        var hypothesis = PocketSphinxNative.GetHypothesis(_decoder, out _);
        return hypothesis == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(hypothesis) ?? "";
    }

    public void Dispose()
    {
        var decoder = Interlocked.Exchange(ref _decoder, IntPtr.Zero);
        if (decoder != IntPtr.Zero)
        {
            PocketSphinxNative.Free(decoder);
        }
    }
}
