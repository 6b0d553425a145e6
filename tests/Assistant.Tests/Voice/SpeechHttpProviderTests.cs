using System.Net;
using System.Text;
using System.Text.Json;
using BankingLlm.Assistant.Voice;
using BankingLlm.Assistant.Voice.Audio;
using BankingLlm.Assistant.Voice.Http;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Tests.Voice;

/// <summary>The HTTP speech providers against in-process stubs of the services: what is sent, and how answers and failures are read.</summary>
public sealed class SpeechHttpProviderTests
{
    private static readonly PcmAudio Utterance = AudioTests.Tone(22050, 0.5);

    [Fact]
    public async Task OpenAI_transcription_posts_a_16_khz_wav_as_multipart_with_model_language_and_key()
    {
        var stub = new StubService(HttpStatusCode.OK, "application/json", """{"text":"what is my balance"}"""u8.ToArray());
        var stt = new OpenAiSpeechToText(stub, Options(VoiceProvider.OpenAI, endpoint: "http://whisper.local:8000/v1", key: "sk-test"));

        var heard = await stt.TranscribeAsync(Utterance, default);

        Assert.Equal("what is my balance", heard.Text);
        var request = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://whisper.local:8000/v1/audio/transcriptions", request.Uri);
        Assert.Equal("Bearer sk-test", request.Authorization);
        Assert.StartsWith("multipart/form-data", request.ContentType, StringComparison.Ordinal);
        var body = Encoding.Latin1.GetString(request.Body);
        Assert.Contains("name=file; filename=utterance.wav", body, StringComparison.Ordinal);
        Assert.Contains("whisper-1", body, StringComparison.Ordinal);
        Assert.Contains("name=language", body, StringComparison.Ordinal);
        var wavStart = body.IndexOf("RIFF", StringComparison.Ordinal);
        var sent = WavCodec.Read(request.Body.AsSpan(wavStart));
        Assert.Equal(16000, sent.SampleRate);
    }

    [Fact]
    public async Task OpenAI_speech_posts_json_and_returns_the_wav()
    {
        var wav = WavCodec.Write(AudioTests.Tone(24000, 0.2));
        var stub = new StubService(HttpStatusCode.OK, "audio/wav", wav);
        var tts = new OpenAiTextToSpeech(stub, Options(VoiceProvider.OpenAI, endpoint: "https://api.example.com/v1/", key: "sk-test", voice: "nova"));

        Assert.Equal(wav, await tts.SynthesizeAsync("Your balance is fifty dollars.", default));

        var request = Assert.Single(stub.Requests);
        Assert.Equal("https://api.example.com/v1/audio/speech", request.Uri);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("tts-1", json.RootElement.GetProperty("model").GetString());
        Assert.Equal("Your balance is fifty dollars.", json.RootElement.GetProperty("input").GetString());
        Assert.Equal("nova", json.RootElement.GetProperty("voice").GetString());
        Assert.Equal("wav", json.RootElement.GetProperty("response_format").GetString());
    }

    [Fact]
    public async Task Azure_recognition_posts_wav_with_subscription_key_and_reads_simple_format()
    {
        var stub = new StubService(HttpStatusCode.OK, "application/json", """{"RecognitionStatus":"Success","DisplayText":"Move fifty dollars to savings.","Offset":0,"Duration":1}"""u8.ToArray());
        var stt = new AzureSpeechToText(stub, Options(VoiceProvider.Azure, endpoint: "https://westeurope.stt.speech.microsoft.com", key: "az-key"));

        Assert.Equal("Move fifty dollars to savings.", (await stt.TranscribeAsync(Utterance, default)).Text);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("https://westeurope.stt.speech.microsoft.com/speech/recognition/conversation/cognitiveservices/v1?language=en-US&format=simple", request.Uri);
        Assert.Equal("az-key", request.Headers["Ocp-Apim-Subscription-Key"]);
        Assert.StartsWith("audio/wav", request.ContentType, StringComparison.Ordinal);
        Assert.Contains("samplerate=16000", request.ContentType, StringComparison.Ordinal);
        Assert.Equal(16000, WavCodec.Read(request.Body).SampleRate);
    }

    [Fact]
    public async Task Azure_no_match_is_an_empty_transcript()
    {
        var stub = new StubService(HttpStatusCode.OK, "application/json", """{"RecognitionStatus":"InitialSilenceTimeout"}"""u8.ToArray());
        var stt = new AzureSpeechToText(stub, Options(VoiceProvider.Azure, endpoint: "https://westeurope.stt.speech.microsoft.com", key: "k"));
        Assert.Equal("", (await stt.TranscribeAsync(Utterance, default)).Text);
    }

    [Fact]
    public async Task Azure_synthesis_sends_escaped_ssml_and_the_output_format()
    {
        var wav = WavCodec.Write(AudioTests.Tone(16000, 0.2));
        var stub = new StubService(HttpStatusCode.OK, "audio/wav", wav);
        var tts = new AzureTextToSpeech(stub, Options(VoiceProvider.Azure, endpoint: "https://westeurope.stt.speech.microsoft.com", key: "az-key", synthesis: "https://westeurope.tts.speech.microsoft.com"));

        Assert.Equal(wav, await tts.SynthesizeAsync("Savings & checking <both>", default));

        var request = Assert.Single(stub.Requests);
        Assert.Equal("https://westeurope.tts.speech.microsoft.com/cognitiveservices/v1", request.Uri);
        Assert.Equal(AzureTextToSpeech.OutputFormat, request.Headers["X-Microsoft-OutputFormat"]);
        Assert.StartsWith("application/ssml+xml", request.ContentType, StringComparison.Ordinal);
        var ssml = Encoding.UTF8.GetString(request.Body);
        Assert.Contains("<voice name='en-US-JennyNeural'>Savings &amp; checking &lt;both&gt;</voice>", ssml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "HTTP 401 (check Voice:ApiKey)")]
    [InlineData(HttpStatusCode.InternalServerError, "HTTP 500")]
    public async Task Failures_name_the_service_and_status_but_not_the_body(HttpStatusCode status, string expected)
    {
        var stub = new StubService(status, "application/json", """{"error":"secret transcript here"}"""u8.ToArray());
        var stt = new OpenAiSpeechToText(stub, Options(VoiceProvider.OpenAI, endpoint: "http://whisper.local/v1", key: "sk"));
        var ex = await Assert.ThrowsAsync<SpeechServiceException>(() => stt.TranscribeAsync(Utterance, default));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Speech_that_is_not_wav_is_refused()
    {
        var stub = new StubService(HttpStatusCode.OK, "audio/mpeg", [0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0, 0]);
        var tts = new OpenAiTextToSpeech(stub, Options(VoiceProvider.OpenAI, endpoint: "http://tts.local/v1", key: null));
        await Assert.ThrowsAsync<SpeechServiceException>(() => tts.SynthesizeAsync("hello", default));
        Assert.Null(Assert.Single(stub.Requests).Authorization);
    }

    [Fact]
    public void Azure_without_endpoint_or_key_fails_validation_naming_the_settings()
    {
        var result = new VoiceOptionsValidator().Validate(null, new VoiceOptions { Provider = VoiceProvider.Azure });
        Assert.True(result.Failed);
        Assert.Contains("Voice:Endpoint", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Voice:ApiKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new VoiceOptionsValidator().Validate(null, new VoiceOptions()).Succeeded);
    }

    private static IOptions<VoiceOptions> Options(VoiceProvider provider, string? endpoint, string? key, string? voice = null, string? synthesis = null) =>
        Microsoft.Extensions.Options.Options.Create(new VoiceOptions { Provider = provider, Endpoint = endpoint, ApiKey = key, Voice = voice, SynthesisEndpoint = synthesis });

    private sealed record CapturedRequest(HttpMethod Method, string Uri, string? Authorization, string? ContentType, Dictionary<string, string> Headers, byte[] Body);

    /// <summary>An in-process stand-in for the speech service: records each request and answers with a fixed response.</summary>
    private sealed class StubService(HttpStatusCode status, string contentType, byte[] body) : HttpMessageHandler, IHttpClientFactory
    {
        public List<CapturedRequest> Requests { get; } = [];

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            Requests.Add(new CapturedRequest(request.Method, request.RequestUri!.ToString(), request.Headers.Authorization?.ToString(),
                request.Content?.Headers.TryGetValues("Content-Type", out var type) == true ? string.Join(",", type) : null,
                request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value)), content));
            var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            return response;
        }
    }
}
