using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using BankingLlm.Assistant.Agent.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Tests.Agent.Providers;

/// <summary>The real Semantic Kernel OpenAI connector against the in-process stub.</summary>
public sealed class OpenAiConnectorTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private OpenAiCompatibleStub _stub = null!;

    public async Task InitializeAsync() => _stub = await OpenAiCompatibleStub.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Text_reply_comes_back_and_the_request_carried_the_conversation()
    {
        _stub.EnqueueText("Your checking account ending in 1001 has 1,234.56 USD available.");
        var options = ProviderTestSupport.OpenAi(_stub);
        var service = Create(options);

        var reply = await service.GetChatMessageContentAsync(
            ProviderTestSupport.MaskedConversation(), RemoteChatModels.CreateExecutionSettings(options), ProviderTestSupport.KernelWithAccounts());

        Assert.Equal(AuthorRole.Assistant, reply.Role);
        Assert.Equal("Your checking account ending in 1001 has 1,234.56 USD available.", reply.Content);

        var request = Assert.Single(_stub.RecordedRequests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {ProviderTestSupport.ApiKey}", request.Headers["Authorization"]);
        var body = request.Json!;
        Assert.Equal("gpt-4o-mini", body["model"]!.GetValue<string>());
        Assert.Equal(0, body["temperature"]!.GetValue<double>());
        Assert.Equal(300, (body["max_completion_tokens"] ?? body["max_tokens"])!.GetValue<int>());
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["system", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Contains("[SSN_1]", messages[1]!["content"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("accounts-get_balance", body["tools"]![0]!["function"]!["name"]!.GetValue<string>());
        Assert.Equal("auto", body["tool_choice"]!.GetValue<string>());
        Assert.Equal(0, _stub.UnscriptedRequests);
    }

    [Fact]
    public async Task Tool_call_becomes_FunctionCallContent_with_parsed_arguments_and_is_not_invoked()
    {
        _stub.EnqueueToolCall("accounts-get_balance", "{\"account\":\"[ACCOUNT_1]\"}", callId: "call_abc");
        var options = ProviderTestSupport.OpenAi(_stub);
        var kernel = ProviderTestSupport.KernelWithAccounts();
        var invoked = 0;
        kernel.FunctionInvocationFilters.Add(new CountingFilter(() => invoked++));

        var reply = await Create(options).GetChatMessageContentAsync(
            ProviderTestSupport.MaskedConversation(), RemoteChatModels.CreateExecutionSettings(options), kernel);

        var call = Assert.Single(reply.Items.OfType<FunctionCallContent>());
        Assert.Equal("accounts", call.PluginName);
        Assert.Equal("get_balance", call.FunctionName);
        Assert.Equal("call_abc", call.Id);
        Assert.Null(call.Exception);
        Assert.Equal("[ACCOUNT_1]", call.Arguments!["account"]!.ToString());
        Assert.Equal(0, invoked);

        // Our loop runs it through the kernel's filters; the next request carries the result as a tool message.
        var result = await call.InvokeAsync(kernel);
        Assert.Equal(1, invoked);
        var history = ProviderTestSupport.MaskedConversation();
        history.Add(reply);
        history.Add(result.ToChatMessage());
        _stub.EnqueueText("You have 1,234.56 USD available.");

        var final = await Create(options).GetChatMessageContentAsync(history, RemoteChatModels.CreateExecutionSettings(options), kernel);

        Assert.Equal("You have 1,234.56 USD available.", final.Content);
        var messages = _stub.RecordedRequests[^1].Json!["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "tool"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("call_abc", messages[3]!["tool_call_id"]!.GetValue<string>());
        Assert.Equal("accounts-get_balance", messages[2]!["tool_calls"]![0]!["function"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tool_call_with_invalid_json_arguments_carries_an_exception()
    {
        _stub.EnqueueToolCall("accounts-get_balance", "{\"account\": [ACCOUNT_1", callId: "call_bad");
        var options = ProviderTestSupport.OpenAi(_stub);

        var reply = await Create(options).GetChatMessageContentAsync(
            ProviderTestSupport.MaskedConversation(), RemoteChatModels.CreateExecutionSettings(options), ProviderTestSupport.KernelWithAccounts());

        var call = Assert.Single(reply.Items.OfType<FunctionCallContent>());
        Assert.IsType<KernelException>(call.Exception);
        Assert.Equal("get_balance", call.FunctionName);
    }

    [Fact]
    public async Task Tool_call_to_a_function_that_does_not_exist_is_returned_for_the_loop_to_refuse()
    {
        _stub.EnqueueToolCall("payments-wire_everything", "{\"to\":\"attacker\"}", callId: "call_ghost");
        var options = ProviderTestSupport.OpenAi(_stub);
        var kernel = ProviderTestSupport.KernelWithAccounts();

        var reply = await Create(options).GetChatMessageContentAsync(
            ProviderTestSupport.MaskedConversation(), RemoteChatModels.CreateExecutionSettings(options), kernel);

        var call = Assert.Single(reply.Items.OfType<FunctionCallContent>());
        Assert.Equal("payments", call.PluginName);
        Assert.Equal("wire_everything", call.FunctionName);
        Assert.False(kernel.Plugins.TryGetFunction(call.PluginName, call.FunctionName, out _));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => call.InvokeAsync(kernel));
    }

    [Fact]
    public async Task Parallel_tool_calls_all_come_back()
    {
        _stub.EnqueueToolCalls(
            new StubToolCall("accounts-get_balance", "{\"account\":\"[ACCOUNT_1]\"}", "call_1"),
            new StubToolCall("accounts-get_balance", "{\"account\":\"[ACCOUNT_2]\"}", "call_2"));
        var options = ProviderTestSupport.OpenAi(_stub);

        var reply = await Create(options).GetChatMessageContentAsync(
            ProviderTestSupport.MaskedConversation(), RemoteChatModels.CreateExecutionSettings(options), ProviderTestSupport.KernelWithAccounts());

        Assert.Equal(["call_1", "call_2"], reply.Items.OfType<FunctionCallContent>().Select(c => c.Id));
    }

    [Fact]
    public async Task Streaming_text_and_tool_calls_are_assembled()
    {
        const string text = "Streaming works: 1,234.56 USD available on ****1001.";
        _stub.EnqueueText(text);
        _stub.EnqueueToolCall("accounts-get_balance", "{\"account\":\"[ACCOUNT_3]\"}", callId: "call_s");
        var options = ProviderTestSupport.OpenAi(_stub);
        var service = Create(options);
        var kernel = ProviderTestSupport.KernelWithAccounts();
        var settings = RemoteChatModels.CreateExecutionSettings(options);

        var streamed = new List<string>();
        await foreach (var update in service.GetStreamingChatMessageContentsAsync(ProviderTestSupport.MaskedConversation(), settings, kernel))
        {
            streamed.Add(update.Content ?? string.Empty);
        }

        var builder = new FunctionCallContentBuilder();
        await foreach (var update in service.GetStreamingChatMessageContentsAsync(ProviderTestSupport.MaskedConversation(), settings, kernel))
        {
            builder.Append(update);
        }

        Assert.Equal(text, string.Concat(streamed));
        Assert.True(streamed.Count > 3);
        var call = Assert.Single(builder.Build());
        Assert.Equal("get_balance", call.FunctionName);
        Assert.Equal("[ACCOUNT_3]", call.Arguments!["account"]!.ToString());
        Assert.All(_stub.RecordedRequests, r => Assert.True(r.IsStreaming));
    }

    [Theory]
    [InlineData(500, ModelFailureKind.HttpError)]
    [InlineData(503, ModelFailureKind.HttpError)]
    [InlineData(429, ModelFailureKind.RateLimited)]
    [InlineData(401, ModelFailureKind.Unauthorized)]
    [InlineData(400, ModelFailureKind.HttpError)]
    public async Task Http_error_surfaces_as_HttpOperationException_without_retry(int status, ModelFailureKind kind)
    {
        _stub.EnqueueError(status);
        _stub.EnqueueText("a retry would get this");
        var options = ProviderTestSupport.OpenAi(_stub);

        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => Create(options).GetChatMessageContentAsync(
            ProviderTestSupport.MaskedConversation(), RemoteChatModels.CreateExecutionSettings(options), ProviderTestSupport.KernelWithAccounts()));

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(kind, RemoteChatModels.Classify(ex));
        Assert.Single(_stub.RecordedRequests);
    }

    [Fact]
    public async Task Streaming_error_surfaces_as_HttpOperationException()
    {
        _stub.EnqueueError(500);
        var options = ProviderTestSupport.OpenAi(_stub);

        var ex = await Assert.ThrowsAsync<HttpOperationException>(async () =>
        {
            await foreach (var _ in Create(options).GetStreamingChatMessageContentsAsync(ProviderTestSupport.MaskedConversation(), RemoteChatModels.CreateExecutionSettings(options)))
            {
            }
        });

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_surfaces_as_HttpOperationException()
    {
        _stub.EnqueueMalformedJson();
        var options = ProviderTestSupport.OpenAi(_stub);

        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => Create(options).GetChatMessageContentAsync(
            ProviderTestSupport.MaskedConversation(), RemoteChatModels.CreateExecutionSettings(options)));

        Assert.Equal(ModelFailureKind.MalformedResponse, RemoteChatModels.Classify(ex));
    }

    [Fact]
    public async Task Slow_endpoint_times_out_as_HttpOperationException_408()
    {
        _stub.EnqueueHang(TimeSpan.FromSeconds(60));
        var options = ProviderTestSupport.OpenAi(_stub, timeoutSeconds: 1);
        using var http = new HttpClient();
        RemoteChatModels.ConfigureHttpClient(http);
        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
        // The stub would answer after 60 s; a 408 with our message can only come from the 1 s timeout.
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => RemoteChatModels.Create(options, http, NullLoggerFactory.Instance).GetChatMessageContentAsync(
            ProviderTestSupport.MaskedConversation(), RemoteChatModels.CreateExecutionSettings(options)));

        Assert.Equal(HttpStatusCode.RequestTimeout, ex.StatusCode);
        Assert.Equal(ModelFailureKind.Timeout, RemoteChatModels.Classify(ex));
        Assert.Contains("Model:TimeoutSeconds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_cancellation_stays_a_cancellation()
    {
        _stub.EnqueueHang(TimeSpan.FromSeconds(60));
        var options = ProviderTestSupport.OpenAi(_stub, timeoutSeconds: 30);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Create(options).GetChatMessageContentAsync(
            ProviderTestSupport.MaskedConversation(), RemoteChatModels.CreateExecutionSettings(options), cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task Unreachable_endpoint_surfaces_as_HttpOperationException_without_status()
    {
        var options = ProviderTestSupport.OpenAi(_stub, timeoutSeconds: 5);
        options.Endpoint = $"http://127.0.0.1:{ClosedPort()}/v1";

        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => Create(options).GetChatMessageContentAsync(
            ProviderTestSupport.MaskedConversation(), RemoteChatModels.CreateExecutionSettings(options)));

        Assert.Null(ex.StatusCode);
        Assert.Equal(ModelFailureKind.Unreachable, RemoteChatModels.Classify(ex));
    }

    [Fact]
    public async Task Local_server_without_key_is_called_without_a_real_key()
    {
        _stub.EnqueueText("hello from llama");
        var options = new ModelOptions { Provider = ModelProvider.OpenAI, Endpoint = _stub.BaseAddress.ToString(), ModelId = "llama3.1:8b" };

        var reply = await Create(options).GetChatMessageContentAsync("hi", RemoteChatModels.CreateExecutionSettings(options));

        Assert.Equal("hello from llama", reply.Content);
        var request = Assert.Single(_stub.RecordedRequests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.True(string.IsNullOrWhiteSpace(request.Headers.GetValueOrDefault("Authorization")?.Replace("Bearer", string.Empty, StringComparison.Ordinal)));
    }

    [Fact]
    public void Create_refuses_invalid_options_and_the_offline_provider()
    {
        var invalid = new ModelOptions { Provider = ModelProvider.OpenAI };

        var ex = Assert.Throws<OptionsValidationException>(() => RemoteChatModels.Create(invalid, _http, NullLoggerFactory.Instance));
        Assert.Contains("Model:ModelId", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => RemoteChatModels.Create(new ModelOptions(), _http, NullLoggerFactory.Instance));
    }

    [Fact]
    public void Execution_settings_let_the_model_call_functions_without_invoking_them()
    {
        var settings = RemoteChatModels.CreateExecutionSettings(new ModelOptions { Provider = ModelProvider.OpenAI, ModelId = "gpt-4o", Temperature = 0.2, MaxOutputTokens = 512 });
        var reasoning = RemoteChatModels.CreateExecutionSettings(new ModelOptions { Provider = ModelProvider.OpenAI, ModelId = "o3-mini", Temperature = 0.2 });

        var configuration = settings.FunctionChoiceBehavior!.GetConfiguration(new([]) { Kernel = ProviderTestSupport.KernelWithAccounts() });
        Assert.False(configuration.AutoInvoke);
        Assert.Equal(FunctionChoice.Auto, configuration.Choice);
        Assert.Equal("get_balance", Assert.Single(configuration.Functions!).Name);
        Assert.Equal(0.2, settings.Temperature);
        Assert.Equal(512, settings.MaxTokens);
        Assert.Null(reasoning.Temperature);
    }

    [Theory]
    [InlineData(null, "https://api.openai.com/v1")]
    [InlineData("", "https://api.openai.com/v1")]
    [InlineData("http://localhost:11434", "http://localhost:11434/v1")]
    [InlineData("http://localhost:11434/", "http://localhost:11434/v1")]
    [InlineData("http://localhost:11434/v1", "http://localhost:11434/v1")]
    [InlineData("https://gateway.bank.internal/llm/v1", "https://gateway.bank.internal/llm/v1")]
    public void OpenAI_endpoint_gets_v1_on_a_bare_host(string? configured, string expected)
    {
        Assert.Equal(new Uri(expected), RemoteChatModels.OpenAiEndpoint(configured));
    }

    [Fact]
    public async Task Sensitive_diagnostics_are_off_and_no_log_line_holds_bodies_or_keys()
    {
        _stub.EnqueueToolCall("accounts-get_balance", "{\"account\":\"[ACCOUNT_1]\"}");
        _stub.EnqueueError(500, "upstream exploded");
        var capture = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        var options = ProviderTestSupport.OpenAi(_stub);
        var service = RemoteChatModels.Create(options, _http, loggers);
        var history = ProviderTestSupport.MaskedConversation();

        await service.GetChatMessageContentAsync(history, RemoteChatModels.CreateExecutionSettings(options), ProviderTestSupport.KernelWithAccounts());
        await Assert.ThrowsAsync<HttpOperationException>(() => service.GetChatMessageContentAsync(history, RemoteChatModels.CreateExecutionSettings(options)));

        Assert.True(AppContext.TryGetSwitch(RemoteChatModels.SensitiveDiagnosticsSwitch, out var sensitive));
        Assert.False(sensitive);
        Assert.NotEmpty(capture.Lines);
        Assert.Contains(capture.Lines, l => l.Contains(" 5301 ", StringComparison.Ordinal));
        Assert.Contains(capture.Lines, l => l.Contains(" 5302 ", StringComparison.Ordinal));
        Assert.All(capture.Lines, line =>
        {
            Assert.DoesNotContain(ProviderTestSupport.ApiKey, line, StringComparison.Ordinal);
            Assert.DoesNotContain("[SSN_1]", line, StringComparison.Ordinal);
            Assert.DoesNotContain("never guess balances", line, StringComparison.Ordinal);
        });
    }

    private IChatCompletionService Create(ModelOptions options) => RemoteChatModels.Create(options, _http, NullLoggerFactory.Instance);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class CountingFilter(Action onInvoke) : IFunctionInvocationFilter
    {
        public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
        {
            onInvoke();
            await next(context);
        }
    }
}
