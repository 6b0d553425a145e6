namespace BankingLlm.Assistant.Agent.Providers;

/// <summary>Which model answers: <c>Model:Provider</c>.</summary>
public enum ModelProvider
{
    /// <summary>The rule-based offline model: no network, deterministic (the default).</summary>
    Offline = 0,

    /// <summary>Any OpenAI-compatible chat completions endpoint: OpenAI, Ollama, vLLM, llama.cpp server, LM Studio.</summary>
    OpenAI = 1,

    /// <summary>An Azure OpenAI (Azure AI Foundry) deployment.</summary>
    AzureOpenAI = 2,
}
