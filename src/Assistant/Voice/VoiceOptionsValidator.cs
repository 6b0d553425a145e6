using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Voice;

/// <summary>Cross-field rules of <see cref="VoiceOptions"/>: what each provider needs.</summary>
public sealed class VoiceOptionsValidator : IValidateOptions<VoiceOptions>
{
    public ValidateOptionsResult Validate(string? name, VoiceOptions options)
    {
        var failures = new List<string>();
        if (options.Provider == VoiceProvider.Azure)
        {
            if (!IsAbsolute(options.Endpoint))
            {
                failures.Add("Voice:Endpoint must be the Azure speech host, e.g. https://westeurope.stt.speech.microsoft.com.");
            }
            if (!string.IsNullOrEmpty(options.SynthesisEndpoint) && !IsAbsolute(options.SynthesisEndpoint))
            {
                failures.Add("Voice:SynthesisEndpoint must be an absolute URL, e.g. https://westeurope.tts.speech.microsoft.com.");
            }
            if (string.IsNullOrEmpty(options.ApiKey))
            {
                failures.Add("Voice:ApiKey is required for Azure.");
            }
        }
        if (options.Provider == VoiceProvider.OpenAI && !string.IsNullOrEmpty(options.Endpoint) && !IsAbsolute(options.Endpoint))
        {
            failures.Add("Voice:Endpoint must be an absolute URL up to /v1, e.g. http://whisper:8000/v1.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsAbsolute(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
