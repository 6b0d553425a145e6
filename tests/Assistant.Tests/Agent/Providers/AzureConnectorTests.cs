using BankingLlm.Assistant.Agent.Providers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Tests.Agent.Providers;

/// <summary>The real Semantic Kernel Azure OpenAI connector against the in-process stub.</summary>
public sealed class AzureConnectorTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private OpenAiCompatibleStub _stub = null!;

    public async Task InitializeAsync() => _stub = await OpenAiCompatibleStub.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Text_reply_through_the_deployment_path_with_the_api_key_header()
    {
        _stub.EnqueueText("Hello from Azure.");
        var options = ProviderTestSupport.Azure(_stub);

        var reply = await RemoteChatModels.Create(options, _http, NullLoggerFactory.Instance)
            .GetChatMessageContentAsync(ProviderTestSupport.MaskedConversation(), RemoteChatModels.CreateExecutionSettings(options), ProviderTestSupport.KernelWithAccounts());

        Assert.Equal("Hello from Azure.", reply.Content);
        var request = Assert.Single(_stub.RecordedRequests);
        Assert.Equal("/openai/deployments/banking-gpt4o/chat/completions", request.Path);
        Assert.Contains("api-version=", request.Query, StringComparison.Ordinal);
        Assert.Equal(ProviderTestSupport.ApiKey, request.Headers["api-key"]);
        Assert.Equal("accounts-get_balance", request.Json!["tools"]![0]!["function"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Configured_api_version_is_sent()
    {
        _stub.EnqueueText("ok");
        var options = ProviderTestSupport.Azure(_stub, apiVersion: "2024-10-21");

        await RemoteChatModels.Create(options, _http, NullLoggerFactory.Instance).GetChatMessageContentAsync("hi", RemoteChatModels.CreateExecutionSettings(options));

        Assert.Contains("api-version=2024-10-21", Assert.Single(_stub.RecordedRequests).Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tool_call_becomes_FunctionCallContent()
    {
        _stub.EnqueueToolCall("accounts-get_balance", "{\"account\":\"[ACCOUNT_2]\"}", callId: "call_az");
        var options = ProviderTestSupport.Azure(_stub);

        var reply = await RemoteChatModels.Create(options, _http, NullLoggerFactory.Instance)
            .GetChatMessageContentAsync(ProviderTestSupport.MaskedConversation(), RemoteChatModels.CreateExecutionSettings(options), ProviderTestSupport.KernelWithAccounts());

        var call = Assert.Single(reply.Items.OfType<FunctionCallContent>());
        Assert.Equal(("accounts", "get_balance", "call_az"), (call.PluginName, call.FunctionName, call.Id));
        Assert.Equal("[ACCOUNT_2]", call.Arguments!["account"]!.ToString());
    }

    [Fact]
    public async Task Server_error_surfaces_as_HttpOperationException()
    {
        _stub.EnqueueError(500);
        var options = ProviderTestSupport.Azure(_stub);

        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => RemoteChatModels.Create(options, _http, NullLoggerFactory.Instance)
            .GetChatMessageContentAsync(new ChatHistory("system"), RemoteChatModels.CreateExecutionSettings(options)));

        Assert.Equal(ModelFailureKind.HttpError, RemoteChatModels.Classify(ex));
    }
}
