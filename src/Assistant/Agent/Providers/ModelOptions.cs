using System.ComponentModel.DataAnnotations;

namespace BankingLlm.Assistant.Agent.Providers;

/// <summary>
/// The model the agent talks to (section <c>Model</c>; environment variables <c>Model__Provider</c>,
/// <c>Model__Endpoint</c>, <c>Model__ModelId</c>, <c>Model__ApiKey</c>, ...). Cross-field rules are in
/// <see cref="ModelOptionsValidator"/>. The API key comes from the environment or a secret store, never appsettings,
/// and is never logged.
/// </summary>
public sealed class ModelOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Model";

    /// <summary><c>Offline</c> (default), <c>OpenAI</c> (any OpenAI-compatible server) or <c>AzureOpenAI</c>.</summary>
    [EnumDataType(typeof(ModelProvider), ErrorMessage = "Model:Provider must be Offline, OpenAI or AzureOpenAI.")]
    public ModelProvider Provider { get; set; } = ModelProvider.Offline;

    /// <summary>
    /// Base URL of the server. OpenAI-compatible servers take the URL up to and including <c>/v1</c>
    /// (Ollama <c>http://localhost:11434/v1</c>, vLLM <c>http://gpu-1:8000/v1</c>); empty means api.openai.com.
    /// Azure takes the resource URL (<c>https://NAME.openai.azure.com/</c>) and requires it.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>The model name the server knows (<c>gpt-4o-mini</c>, <c>llama3.1:8b</c>). Required for OpenAI; for Azure
    /// the underlying model (optional), used to pick the tokenizer.</summary>
    [MaxLength(200, ErrorMessage = "Model:ModelId must be at most 200 characters.")]
    public string? ModelId { get; set; }

    /// <summary>The Azure OpenAI deployment name. Required for AzureOpenAI.</summary>
    [MaxLength(200, ErrorMessage = "Model:Deployment must be at most 200 characters.")]
    public string? Deployment { get; set; }

    /// <summary>The API key. Required for api.openai.com and Azure; optional for local servers (Ollama, vLLM, llama.cpp).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Azure OpenAI API version (for example <c>2024-10-21</c>); empty takes the SDK's default.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>How long one model request may take before the turn gives up.</summary>
    [Range(1, 600, ErrorMessage = "Model:TimeoutSeconds must be between 1 and 600.")]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Cap on tokens in one model reply; empty leaves it to the server.</summary>
    [Range(1, 128_000, ErrorMessage = "Model:MaxOutputTokens must be between 1 and 128000.")]
    public int? MaxOutputTokens { get; set; }

    /// <summary>Sampling temperature; 0 keeps replies as repeatable as the server allows.</summary>
    [Range(0.0, 2.0, ErrorMessage = "Model:Temperature must be between 0 and 2.")]
    public double Temperature { get; set; }

    /// <summary>Token budget of the chat history sent with each request (system prompt and current turn included).</summary>
    [Range(256, 1_000_000, ErrorMessage = "Model:TokenBudget must be between 256 and 1000000.")]
    public int TokenBudget { get; set; } = 6000;

    /// <summary>Most model round trips with tool calls in one turn before the turn ends with a safe reply.</summary>
    [Range(1, 20, ErrorMessage = "Model:MaxToolRounds must be between 1 and 20.")]
    public int MaxToolRounds { get; set; } = 5;

    /// <summary>The id the tokenizer is chosen from: the model id, else the Azure deployment name.</summary>
    public string? TokenizerModelId => string.IsNullOrWhiteSpace(ModelId) ? Deployment : ModelId;

    /// <summary>Never prints the key.</summary>
    public override string ToString() =>
        $"Provider={Provider}, Endpoint={Endpoint ?? "(default)"}, ModelId={ModelId}, Deployment={Deployment}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(none)" : "(set)")}";
}
