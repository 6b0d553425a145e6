using System.Net.Http.Headers;
using System.Text.Json;
using BankingLlm.Assistant.Voice.Audio;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Voice.Http;

/// <summary>
/// Speech-to-text through an OpenAI-compatible audio API: POST {Endpoint}/audio/transcriptions, multipart form with
/// the utterance as a 16 kHz WAV file, <c>model</c>, <c>language</c> and <c>response_format=json</c>; answer <c>{"text": ...}</c>.
/// Works with OpenAI and the Whisper servers that copy its API (faster-whisper-server, whisper.cpp server, LocalAI).
/// </summary>
public sealed class OpenAiSpeechToText(IHttpClientFactory clients, IOptions<VoiceOptions> options) : ISpeechToText
{
    public async Task<Transcription> TranscribeAsync(PcmAudio audio, CancellationToken ct)
    {
        var o = options.Value;
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(WavCodec.Write(Resampler.To(audio, 16000)));
        file.Headers.ContentType = SpeechHttp.Wav;
        form.Add(file, "file", "utterance.wav");
        form.Add(new StringContent(o.TranscriptionModel), "model");
        form.Add(new StringContent(o.Language.Split('-')[0]), "language");
        form.Add(new StringContent("json"), "response_format");
        using var request = new HttpRequestMessage(HttpMethod.Post, SpeechHttp.Combine(o.Endpoint, "https://api.openai.com/v1", "audio/transcriptions")) { Content = form };
        if (!string.IsNullOrEmpty(o.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.ApiKey);
        }
        using var response = await SpeechHttp.SendAsync(clients.CreateClient(SpeechHttp.ClientName), request, "OpenAI transcription", ct).ConfigureAwait(false);
        try
        {
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), cancellationToken: ct).ConfigureAwait(false);
            return new Transcription(json.RootElement.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "");
        }
        catch (JsonException ex)
        {
            throw new SpeechServiceException("OpenAI transcription answered with something that is not JSON.", ex);
        }
    }
}
