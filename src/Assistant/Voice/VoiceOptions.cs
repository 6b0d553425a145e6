using System.ComponentModel.DataAnnotations;

namespace BankingLlm.Assistant.Voice;

/// <summary>The speech services behind a voice provider.</summary>
public enum VoiceProvider
{
    /// <summary>pocketsphinx with the assistant's own domain language model, and espeak-ng (Debian packages).</summary>
    Offline,

    /// <summary>An OpenAI-compatible audio API: /v1/audio/transcriptions and /v1/audio/speech (OpenAI, Whisper servers).</summary>
    OpenAI,

    /// <summary>Azure AI Speech REST: speech-to-text for short audio, and text-to-speech with SSML.</summary>
    Azure,
}

/// <summary>
/// The voice channel (section <c>Voice</c>): the speech provider, its endpoint and key (from the environment or a
/// secret store, never logged), the voice, and the limits of one utterance.
/// </summary>
public sealed class VoiceOptions
{
    public const string SectionName = "Voice";

    [EnumDataType(typeof(VoiceProvider), ErrorMessage = "Voice:Provider must be Offline, OpenAI or Azure.")]
    public VoiceProvider Provider { get; set; } = VoiceProvider.Offline;

    /// <summary>
    /// OpenAI: the base URL up to and including <c>/v1</c> (empty: https://api.openai.com/v1). Azure: the speech
    /// service host, e.g. <c>https://westeurope.stt.speech.microsoft.com</c> for recognition; see <see cref="SynthesisEndpoint"/>.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Azure only: the text-to-speech host, e.g. <c>https://westeurope.tts.speech.microsoft.com</c>.</summary>
    public string? SynthesisEndpoint { get; set; }

    /// <summary>The API key (OpenAI: bearer token; Azure: Ocp-Apim-Subscription-Key).</summary>
    public string? ApiKey { get; set; }

    /// <summary>OpenAI transcription model (<c>whisper-1</c>, <c>gpt-4o-transcribe</c>, a local Whisper server's name).</summary>
    [MaxLength(200)]
    public string TranscriptionModel { get; set; } = "whisper-1";

    /// <summary>OpenAI speech model (<c>tts-1</c>, <c>gpt-4o-mini-tts</c>).</summary>
    [MaxLength(200)]
    public string SpeechModel { get; set; } = "tts-1";

    /// <summary>The voice: OpenAI <c>alloy</c>...; Azure <c>en-US-JennyNeural</c>...; Offline an espeak-ng voice (<c>en-us</c>).</summary>
    [MaxLength(200)]
    public string? Voice { get; set; }

    /// <summary>Recognition language (BCP 47).</summary>
    [RegularExpression("^[a-z]{2}(-[A-Z]{2})?$", ErrorMessage = "Voice:Language must look like en-US.")]
    public string Language { get; set; } = "en-US";

    /// <summary>Largest upload accepted; a larger one is refused before it is read (by its Content-Length, or as soon as the stream passes it).</summary>
    [Range(1024, 64 * 1024 * 1024, ErrorMessage = "Voice:MaxAudioBytes must be between 1 KB and 64 MB.")]
    public int MaxAudioBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Longest utterance accepted.</summary>
    [Range(1, 600, ErrorMessage = "Voice:MaxAudioSeconds must be between 1 and 600.")]
    public int MaxAudioSeconds { get; set; } = 60;

    /// <summary>How long one speech request (local program or HTTP) may take.</summary>
    [Range(1, 300, ErrorMessage = "Voice:TimeoutSeconds must be between 1 and 300.")]
    public int TimeoutSeconds { get; set; } = 30;

    public OfflineSpeechOptions Offline { get; set; } = new();

    /// <summary>Never prints the key.</summary>
    public override string ToString() =>
        $"Provider={Provider}, Endpoint={Endpoint ?? "(default)"}, Voice={Voice ?? "(default)"}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(none)" : "(set)")}";
}

/// <summary>The offline provider's programs, model and decoder settings (section <c>Voice:Offline</c>).</summary>
public sealed class OfflineSpeechOptions
{
    public string EspeakPath { get; set; } = "espeak-ng";

    /// <summary>The acoustic model and the pronunciation dictionary the domain dictionary is cut from (pocketsphinx-en-us).</summary>
    public string AcousticModelDirectory { get; set; } = "/usr/share/pocketsphinx/model/en-us/en-us";

    public string PronunciationDictionary { get; set; } = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    /// <summary>Where the domain language model is built at first use and cached (relative to the content root).</summary>
    public string ModelCacheDirectory { get; set; } = ".data/voice";

    /// <summary>Extra pocketsphinx arguments after the defaults (name, value, name, value...), for tuning.</summary>
    public string[] DecoderArguments { get; set; } = [];

    /// <summary>How many pocketsphinx decoders may be loaded and decoding at once (about 20 MB each); more utterances wait.</summary>
    [Range(1, 64, ErrorMessage = "Voice:Offline:Decoders must be between 1 and 64.")]
    public int Decoders { get; set; } = 2;

    /// <summary>espeak-ng speaking rate in words per minute.</summary>
    [Range(80, 450, ErrorMessage = "Voice:Offline:WordsPerMinute must be between 80 and 450.")]
    public int WordsPerMinute { get; set; } = 175;
}
