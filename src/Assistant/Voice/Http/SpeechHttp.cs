using System.Net.Http.Headers;

namespace BankingLlm.Assistant.Voice.Http;

/// <summary>Shared HTTP plumbing of the speech providers: the named client, base URLs, and errors that name the service and status only.</summary>
internal static class SpeechHttp
{
    public const string ClientName = "voice";

    public static Uri Combine(string? baseUrl, string fallback, string relative)
    {
        var root = string.IsNullOrWhiteSpace(baseUrl) ? fallback : baseUrl;
        if (!Uri.TryCreate(root.TrimEnd('/') + "/", UriKind.Absolute, out var uri))
        {
            throw new SpeechServiceException($"The speech endpoint '{root}' is not an absolute URL (Voice:Endpoint).");
        }
        return new Uri(uri, relative);
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string service, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new SpeechServiceException($"{service}: cannot reach {request.RequestUri?.Host}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new SpeechServiceException($"{service}: no answer within the time limit (Voice:TimeoutSeconds).", ex);
        }
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            // The body is not echoed: it can hold the transcript or reflect the request.
            throw new SpeechServiceException($"{service} answered HTTP {status}{(status is 401 or 403 ? " (check Voice:ApiKey)" : "")}.");
        }
        return response;
    }

    public static MediaTypeHeaderValue Wav => new("audio/wav");
}
