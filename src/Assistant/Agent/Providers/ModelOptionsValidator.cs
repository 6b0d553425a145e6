using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Agent.Providers;

/// <summary>
/// The rules between <see cref="ModelOptions"/> settings that data annotations cannot say. Every message names the
/// setting to fix.
/// </summary>
public sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    /// <summary>The Azure OpenAI API versions the Semantic Kernel connector (1.82) accepts.</summary>
    public static readonly IReadOnlyList<string> SupportedAzureApiVersions =
    [
        "2024-06-01", "2024-10-21", "2024-08-01-preview", "2024-09-01-preview", "2024-10-01-preview",
        "2024-12-01-preview", "2025-01-01-preview", "2025-03-01-preview", "2025-04-01-preview",
    ];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every broken rule, as messages naming the setting; empty when the options are usable.</summary>
    public static IReadOnlyList<string> Check(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add("Model:Provider must be Offline, OpenAI or AzureOpenAI.");
            return failures;
        }

        Uri? endpoint = null;
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            if (!Uri.TryCreate(options.Endpoint.Trim(), UriKind.Absolute, out endpoint)
                || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add("Model:Endpoint must be an absolute http or https URL.");
                endpoint = null;
            }
            else if (!string.IsNullOrEmpty(endpoint.UserInfo))
            {
                failures.Add("Model:Endpoint must not carry credentials; put the key in Model:ApiKey.");
            }
        }

        switch (options.Provider)
        {
            case ModelProvider.OpenAI:
                if (string.IsNullOrWhiteSpace(options.ModelId))
                {
                    failures.Add("Model:ModelId is required when Model:Provider is OpenAI (for example gpt-4o-mini or llama3.1:8b).");
                }

                var publicOpenAi = string.IsNullOrWhiteSpace(options.Endpoint)
                    || (endpoint is not null && endpoint.Host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase));
                if (publicOpenAi && string.IsNullOrWhiteSpace(options.ApiKey))
                {
                    failures.Add("Model:ApiKey is required when Model:Provider is OpenAI and Model:Endpoint is api.openai.com or not set; " +
                                 "for a local server (Ollama, vLLM, llama.cpp) set Model:Endpoint.");
                }

                break;

            case ModelProvider.AzureOpenAI:
                if (string.IsNullOrWhiteSpace(options.Endpoint))
                {
                    failures.Add("Model:Endpoint is required when Model:Provider is AzureOpenAI (https://NAME.openai.azure.com/).");
                }

                if (string.IsNullOrWhiteSpace(options.Deployment))
                {
                    failures.Add("Model:Deployment is required when Model:Provider is AzureOpenAI.");
                }

                if (string.IsNullOrWhiteSpace(options.ApiKey))
                {
                    failures.Add("Model:ApiKey is required when Model:Provider is AzureOpenAI.");
                }

                if (!string.IsNullOrWhiteSpace(options.ApiVersion)
                    && !SupportedAzureApiVersions.Contains(options.ApiVersion.Trim(), StringComparer.OrdinalIgnoreCase))
                {
                    failures.Add($"Model:ApiVersion '{options.ApiVersion}' is not supported; use one of {string.Join(", ", SupportedAzureApiVersions)} or leave it empty.");
                }

                break;
        }

        if (options.ApiKey is { Length: > 0 } key && key.Trim().Length != key.Length)
        {
            failures.Add("Model:ApiKey has leading or trailing white space.");
        }

        return failures;
    }
}
