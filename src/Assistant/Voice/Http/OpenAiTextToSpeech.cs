using System.Net.Http.Headers;
using System.Net.Http.Json;
using BankingLlm.Assistant.Voice.Audio;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Voice.Http;

/// <summary>Text-to-speech through an OpenAI-compatible audio API: POST {Endpoint}/audio/speech <c>{model, input, voice, response_format: "wav"}</c>.</summary>
public sealed class OpenAiTextToSpeech(IHttpClientFactory clients, IOptions<VoiceOptions> options) : ITextToSpeech
{
    public async Task<byte[]> SynthesizeAsync(string text, CancellationToken ct)
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, SpeechHttp.Combine(o.Endpoint, "https://api.openai.com/v1", "audio/speech"))
        {
            Content = JsonContent.Create(new { model = o.SpeechModel, input = text, voice = o.Voice ?? "alloy", response_format = "wav" }),
        };
        if (!string.IsNullOrEmpty(o.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.ApiKey);
        }
        using var response = await SpeechHttp.SendAsync(clients.CreateClient(SpeechHttp.ClientName), request, "OpenAI speech", ct).ConfigureAwait(false);
        var audio = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return WavCodec.LooksLikeWav(audio) ? audio : throw new SpeechServiceException("OpenAI speech answered with something that is not a WAV file.");
    }
}
