using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace BankingLlm.Assistant.Agent.Providers;

/// <summary>
/// Builds the Semantic Kernel chat completion connector for a remote model (OpenAI-compatible or Azure OpenAI) and the
/// execution settings to call it with. The offline model is not built here.
/// </summary>
/// <remarks>
/// Failures: every failure of a request through the returned service is an <see cref="HttpOperationException"/>
/// (HTTP errors, an unreachable endpoint, <c>Model:TimeoutSeconds</c> exceeded — status 408 —, a response that is not a
/// chat completion); <see cref="Classify"/> says which. The connector does not retry when given an HttpClient (Semantic
/// Kernel turns the SDK's retries off), so a 429 or 500 surfaces at once; retrying is the caller's choice.
/// Semantic Kernel's sensitive diagnostics are forced off, and its Trace-level logging of whole chat histories is
/// filtered out.
/// </remarks>
public static class RemoteChatModels
{
    /// <summary>The app-context switch that would let Semantic Kernel put prompts and completions in telemetry.</summary>
    public const string SensitiveDiagnosticsSwitch = "Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive";

    /// <summary>Key in <see cref="Exception.Data"/> of a failure's <see cref="HttpOperationException"/> holding its <see cref="ModelFailureKind"/>.</summary>
    public const string FailureKindKey = "model_failure_kind";

    private const string PublicOpenAiEndpoint = "https://api.openai.com/v1";

    /// <summary>True for the providers this class builds (OpenAI, AzureOpenAI); false for the offline model.</summary>
    public static bool IsRemote(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider is ModelProvider.OpenAI or ModelProvider.AzureOpenAI;
    }

    /// <summary>
    /// The connector for <paramref name="options"/>, sending through <paramref name="httpClient"/> (its handler, proxy
    /// and TLS settings are used; its <see cref="HttpClient.Timeout"/> should be at least <c>Model:TimeoutSeconds</c>,
    /// or infinite, since the per-request timeout is applied here).
    /// </summary>
    /// <exception cref="OptionsValidationException">The options break a rule of <see cref="ModelOptionsValidator"/>.</exception>
    /// <exception cref="InvalidOperationException">The provider is Offline.</exception>
    public static IChatCompletionService Create(ModelOptions options, HttpClient httpClient, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        var failures = ModelOptionsValidator.Check(options);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(ModelOptions.SectionName, typeof(ModelOptions), failures);
        }

        DisableSensitiveDiagnostics();
        var connectorLoggers = new TraceSuppressingLoggerFactory(loggerFactory);
        var logger = loggerFactory.CreateLogger(typeof(RemoteChatModels));
        var apiKey = string.IsNullOrWhiteSpace(options.ApiKey) ? null : options.ApiKey;

        IChatCompletionService connector;
        Uri endpoint;
        string model;
        switch (options.Provider)
        {
            case ModelProvider.OpenAI:
                endpoint = OpenAiEndpoint(options.Endpoint);
                model = options.ModelId!;
                // SKEXP0010: the custom-endpoint constructor is marked experimental, yet it is Semantic Kernel's way to reach
                // OpenAI-compatible servers; it sends no key header worth the name (one space) when the key is empty.
#pragma warning disable SKEXP0010
                connector = new OpenAIChatCompletionService(model, endpoint, apiKey, organization: null, httpClient, connectorLoggers);
#pragma warning restore SKEXP0010
                break;

            case ModelProvider.AzureOpenAI:
                endpoint = new Uri(options.Endpoint!.Trim(), UriKind.Absolute);
                model = options.Deployment!;
                connector = new AzureOpenAIChatCompletionService(
                    options.Deployment!,
                    endpoint.ToString(),
                    apiKey!,
                    string.IsNullOrWhiteSpace(options.ModelId) ? null : options.ModelId,
                    httpClient,
                    connectorLoggers,
                    string.IsNullOrWhiteSpace(options.ApiVersion) ? null : options.ApiVersion.Trim());
                break;

            default:
                throw new InvalidOperationException($"Model:Provider {options.Provider} is not a remote provider; check RemoteChatModels.IsRemote first.");
        }

        ModelLog.ProviderCreated(logger, options.Provider, endpoint.Authority, model, apiKey is null ? "none" : "set");
        return new GuardedChatCompletionService(connector, options.Provider, TimeSpan.FromSeconds(options.TimeoutSeconds), logger);
    }

    /// <summary>
    /// Prepares an <see cref="HttpClient"/> for <see cref="Create"/> (for example in <c>AddHttpClient</c>): no client-wide
    /// timeout, because the service applies <c>Model:TimeoutSeconds</c> per request and reports it as a timeout.
    /// </summary>
    public static void ConfigureHttpClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        httpClient.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>
    /// Settings for every request: the model may call functions but does not run them
    /// (<c>FunctionChoiceBehavior.Auto(autoInvoke: false)</c>: our agent loop invokes them through the filters),
    /// <c>Model:Temperature</c> (left out for reasoning models, which refuse it) and <c>Model:MaxOutputTokens</c>.
    /// </summary>
    /// <param name="options">The model options.</param>
    /// <param name="functions">The functions the model may call this round; null advertises all the kernel's functions.</param>
    public static OpenAIPromptExecutionSettings CreateExecutionSettings(ModelOptions options, IEnumerable<KernelFunction>? functions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OpenAIPromptExecutionSettings
        {
            ModelId = options.Provider == ModelProvider.AzureOpenAI ? null : options.ModelId,
            Temperature = IsReasoningModel(options.ModelId) ? null : options.Temperature,
            MaxTokens = options.MaxOutputTokens,
            FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(functions, autoInvoke: false),
        };
    }

    /// <summary>What kind of failure a model request exception is (see <see cref="ModelFailureKind"/>).</summary>
    public static ModelFailureKind Classify(HttpOperationException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.Data[FailureKindKey] is ModelFailureKind tagged)
        {
            return tagged;
        }

        return exception.StatusCode switch
        {
            null => ModelFailureKind.Unreachable,
            HttpStatusCode.RequestTimeout => ModelFailureKind.Timeout,
            HttpStatusCode.TooManyRequests => ModelFailureKind.RateLimited,
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ModelFailureKind.Unauthorized,
            _ => ModelFailureKind.HttpError,
        };
    }

    /// <summary>
    /// Forces Semantic Kernel's sensitive GenAI telemetry (prompts and completions in spans) off, whatever the
    /// environment variable SEMANTICKERNEL_EXPERIMENTAL_GENAI_ENABLE_OTEL_DIAGNOSTICS_SENSITIVE says: the app-context
    /// switch wins over the variable. Call before the first model request (Create does).
    /// </summary>
    public static void DisableSensitiveDiagnostics() => AppContext.SetSwitch(SensitiveDiagnosticsSwitch, false);

    /// <summary>
    /// The base URL the OpenAI SDK appends <c>/chat/completions</c> to: api.openai.com when not set, and <c>/v1</c>
    /// added to a bare host (<c>http://localhost:11434</c> -> <c>http://localhost:11434/v1</c>), the path every
    /// OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) serves.
    /// </summary>
    public static Uri OpenAiEndpoint(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return new Uri(PublicOpenAiEndpoint);
        }

        var uri = new Uri(endpoint.Trim(), UriKind.Absolute);
        return uri.AbsolutePath is "" or "/" ? new Uri(uri, "/v1") : uri;
    }

    private static bool IsReasoningModel(string? modelId) =>
        modelId is not null
        && (modelId.StartsWith("o1", StringComparison.OrdinalIgnoreCase)
            || modelId.StartsWith("o3", StringComparison.OrdinalIgnoreCase)
            || modelId.StartsWith("o4", StringComparison.OrdinalIgnoreCase)
            || modelId.StartsWith("gpt-5", StringComparison.OrdinalIgnoreCase));
}
