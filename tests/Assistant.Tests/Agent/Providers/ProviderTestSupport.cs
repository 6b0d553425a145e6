using System.Collections.Concurrent;
using System.ComponentModel;
using BankingLlm.Assistant.Agent.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Tests.Agent.Providers;

/// <summary>A tiny plugin so Semantic Kernel advertises "accounts-get_balance" and can map the model's tool call.</summary>
public sealed class TestAccountsPlugin
{
    public const string PluginName = "accounts";

    [KernelFunction("get_balance"), Description("Returns the available balance of one of the customer's accounts.")]
    public static string GetBalance([Description("The account placeholder, for example [ACCOUNT_1].")] string account) =>
        $"{{\"account\":\"{account}\",\"available\":\"1234.56\",\"currency\":\"USD\"}}";
}

/// <summary>Options and plumbing shared by the provider tests.</summary>
internal static class ProviderTestSupport
{
    public const string ApiKey = "sk-test-0123456789abcdef";

    public static ModelOptions OpenAi(OpenAiCompatibleStub stub, int timeoutSeconds = 10) => new()
    {
        Provider = ModelProvider.OpenAI,
        Endpoint = stub.OpenAiEndpoint.ToString(),
        ModelId = "gpt-4o-mini",
        ApiKey = ApiKey,
        TimeoutSeconds = timeoutSeconds,
        MaxOutputTokens = 300,
    };

    public static ModelOptions Azure(OpenAiCompatibleStub stub, string? apiVersion = null) => new()
    {
        Provider = ModelProvider.AzureOpenAI,
        Endpoint = stub.BaseAddress.ToString(),
        Deployment = "banking-gpt4o",
        ModelId = "gpt-4o",
        ApiKey = ApiKey,
        ApiVersion = apiVersion,
        TimeoutSeconds = 10,
    };

    public static Kernel KernelWithAccounts()
    {
        var kernel = new Kernel();
        kernel.ImportPluginFromType<TestAccountsPlugin>(TestAccountsPlugin.PluginName);
        return kernel;
    }

    public static ChatHistory MaskedConversation()
    {
        var history = new ChatHistory("You are the bank's assistant. Use the tools; never guess balances.");
        history.AddUserMessage("My SSN is [SSN_1]. What's the balance on [ACCOUNT_1]?");
        return history;
    }
}

/// <summary>Collects every formatted log line at every level, Trace included.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Lines.Enqueue($"{logLevel} {category} {eventId.Id} {formatter(state, exception)} {exception}");
    }
}
