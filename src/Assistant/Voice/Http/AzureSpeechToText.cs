using System.Text.Json;
using BankingLlm.Assistant.Voice.Audio;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Voice.Http;

/// <summary>
/// Speech-to-text through Azure AI Speech's REST API for short audio: POST
/// {Endpoint}/speech/recognition/conversation/cognitiveservices/v1?language=en-US&amp;format=simple with the WAV body
/// (16 kHz, 16-bit mono PCM) and Ocp-Apim-Subscription-Key. NoMatch and silence time-outs are an empty transcript.
/// </summary>
public sealed class AzureSpeechToText(IHttpClientFactory clients, IOptions<VoiceOptions> options) : ISpeechToText
{
    public async Task<Transcription> TranscribeAsync(PcmAudio audio, CancellationToken ct)
    {
        var o = options.Value;
        var uri = SpeechHttp.Combine(o.Endpoint, "", $"speech/recognition/conversation/cognitiveservices/v1?language={Uri.EscapeDataString(o.Language)}&format=simple");
        var body = new ByteArrayContent(WavCodec.Write(Resampler.To(audio, 16000)));
        // Azure's documented value; "codecs=audio/pcm" is not a valid token for the typed header, so it is added as is.
        body.Headers.TryAddWithoutValidation("Content-Type", "audio/wav; codecs=audio/pcm; samplerate=16000");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = body };
        request.Headers.Add("Ocp-Apim-Subscription-Key", o.ApiKey);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await SpeechHttp.SendAsync(clients.CreateClient(SpeechHttp.ClientName), request, "Azure speech recognition", ct).ConfigureAwait(false);
        try
        {
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), cancellationToken: ct).ConfigureAwait(false);
            var root = json.RootElement;
            var status = root.TryGetProperty("RecognitionStatus", out var s) ? s.GetString() : null;
            return status switch
            {
                "Success" => new Transcription(root.TryGetProperty("DisplayText", out var text) ? text.GetString() ?? "" : ""),
                "NoMatch" or "InitialSilenceTimeout" or "BabbleTimeout" => new Transcription(""),
                _ => throw new SpeechServiceException($"Azure speech recognition failed with status '{status}'."),
            };
        }
        catch (JsonException ex)
        {
            throw new SpeechServiceException("Azure speech recognition answered with something that is not JSON.", ex);
        }
    }
}
