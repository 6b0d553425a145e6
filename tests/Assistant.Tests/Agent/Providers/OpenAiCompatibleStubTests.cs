using System.Text;
using BankingLlm.Assistant.Agent.Providers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Tests.Agent.Providers;

public sealed class OpenAiCompatibleStubTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private OpenAiCompatibleStub _stub = null!;

    public async Task InitializeAsync() => _stub = await OpenAiCompatibleStub.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Listens_on_loopback_and_records_raw_bodies()
    {
        using var content = new StringContent("{\"model\":\"x\",\"messages\":[]}", Encoding.UTF8, "application/json");
        _stub.EnqueueText("hi");

        using var response = await _http.PostAsync(new Uri(_stub.OpenAiEndpoint + "/chat/completions"), content);

        Assert.Equal("127.0.0.1", _stub.BaseAddress.Host);
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(["{\"model\":\"x\",\"messages\":[]}"], _stub.Requests);
        Assert.Equal(0, _stub.PendingResponses);
    }

    [Fact]
    public async Task Empty_script_answers_500_and_counts_it()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");

        using var response = await _http.PostAsync(new Uri(_stub.OpenAiEndpoint + "/chat/completions"), content);

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal(1, _stub.UnscriptedRequests);
    }

    [Fact]
    public async Task Other_paths_are_404()
    {
        using var response = await _http.GetAsync(new Uri(_stub.BaseAddress, "v1/models"));

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Recorded_jsonl_replays_through_the_real_connector()
    {
        var path = Path.Combine(Path.GetTempPath(), $"stub-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(path,
        [
            "# a recorded session: tool call, result, reply, then a rate limit",
            "{\"id\":\"chatcmpl-rec1\",\"object\":\"chat.completion\",\"created\":1764000000,\"model\":\"gpt-4o-2024-08-06\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_rec\",\"type\":\"function\",\"function\":{\"name\":\"accounts-get_balance\",\"arguments\":\"{\\\"account\\\":\\\"[ACCOUNT_1]\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":90,\"completion_tokens\":20,\"total_tokens\":110}}",
            "",
            "{\"status\":200,\"body\":{\"id\":\"chatcmpl-rec2\",\"object\":\"chat.completion\",\"created\":1764000001,\"model\":\"gpt-4o-2024-08-06\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"You have 1,234.56 USD.\"},\"finish_reason\":\"stop\"}]}}",
            "{\"status\":429,\"body\":{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_exceeded\"}}}",
        ]);
        try
        {
            Assert.Equal(3, _stub.LoadRecorded(path));
        }
        finally
        {
            File.Delete(path);
        }

        var options = ProviderTestSupport.OpenAi(_stub);
        var service = RemoteChatModels.Create(options, _http, NullLoggerFactory.Instance);
        var kernel = ProviderTestSupport.KernelWithAccounts();
        var settings = RemoteChatModels.CreateExecutionSettings(options);

        var first = await service.GetChatMessageContentAsync(ProviderTestSupport.MaskedConversation(), settings, kernel);
        var streamed = new StringBuilder();
        await foreach (var update in service.GetStreamingChatMessageContentsAsync(ProviderTestSupport.MaskedConversation(), settings, kernel))
        {
            streamed.Append(update.Content);
        }

        var limited = await Assert.ThrowsAsync<HttpOperationException>(() => service.GetChatMessageContentAsync(ProviderTestSupport.MaskedConversation(), settings, kernel));

        Assert.Equal("call_rec", Assert.Single(first.Items.OfType<FunctionCallContent>()).Id);
        Assert.Equal("You have 1,234.56 USD.", streamed.ToString());
        Assert.Equal(ModelFailureKind.RateLimited, RemoteChatModels.Classify(limited));
        Assert.Equal(0, _stub.PendingResponses);
    }

    [Fact]
    public void Recorded_line_round_trips()
    {
        var line = OpenAiCompatibleStub.ToRecordedLine(503, "{\"error\":{\"message\":\"busy\"}}");

        var response = OpenAiCompatibleStub.ParseRecordedLine(line);

        Assert.Equal(503, response.Status);
        Assert.Equal("{\"error\":{\"message\":\"busy\"}}", response.RawBody);
        Assert.False(response.IsCompletion);
        Assert.Equal("not json", OpenAiCompatibleStub.ParseRecordedLine(OpenAiCompatibleStub.ToRecordedLine(200, "not json")).RawBody);
    }
}
