using System.Security;
using BankingLlm.Assistant.Voice.Audio;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Voice.Http;

/// <summary>
/// Text-to-speech through Azure AI Speech's REST API: POST {SynthesisEndpoint}/cognitiveservices/v1 with SSML (the
/// reply XML-escaped inside &lt;voice&gt;), X-Microsoft-OutputFormat riff-16khz-16bit-mono-pcm.
/// </summary>
public sealed class AzureTextToSpeech(IHttpClientFactory clients, IOptions<VoiceOptions> options) : ITextToSpeech
{
    public const string OutputFormat = "riff-16khz-16bit-mono-pcm";

    public async Task<byte[]> SynthesizeAsync(string text, CancellationToken ct)
    {
        var o = options.Value;
        var voice = o.Voice ?? "en-US-JennyNeural";
        var ssml = $"<speak version='1.0' xmlns='http://www.w3.org/2001/10/synthesis' xml:lang='{SecurityElement.Escape(o.Language)}'>" +
            $"<voice name='{SecurityElement.Escape(voice)}'>{SecurityElement.Escape(text)}</voice></speak>";
        using var request = new HttpRequestMessage(HttpMethod.Post, SpeechHttp.Combine(o.SynthesisEndpoint ?? o.Endpoint, "", "cognitiveservices/v1"))
        {
            Content = new StringContent(ssml, System.Text.Encoding.UTF8, "application/ssml+xml"),
        };
        request.Headers.Add("Ocp-Apim-Subscription-Key", o.ApiKey);
        request.Headers.Add("X-Microsoft-OutputFormat", OutputFormat);
        request.Headers.UserAgent.ParseAdd("BankingLlm-Assistant");
        using var response = await SpeechHttp.SendAsync(clients.CreateClient(SpeechHttp.ClientName), request, "Azure speech synthesis", ct).ConfigureAwait(false);
        var audio = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return WavCodec.LooksLikeWav(audio) ? audio : throw new SpeechServiceException("Azure speech synthesis answered with something that is not a WAV file.");
    }
}
