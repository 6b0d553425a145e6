using BankingLlm.Assistant.Hubs;
using BankingLlm.Assistant.Tests.Agent.Providers;
using Microsoft.AspNetCore.SignalR.Client;

namespace BankingLlm.Assistant.Tests.Hubs;

/// <summary>The app with an OpenAI-compatible model (the in-process stub, streaming over SSE) behind the hub.</summary>
public sealed class StreamingHubFixture : HubFixture
{
    public OpenAiCompatibleStub Stub { get; private set; } = null!;

    protected override IEnumerable<string> ExtraArguments =>
    [
        "--Model:Provider=OpenAI",
        $"--Model:Endpoint={Stub.OpenAiEndpoint}",
        "--Model:ModelId=gpt-4o-mini",
        "--Model:TimeoutSeconds=10",
    ];

    public override async Task InitializeAsync()
    {
        Stub = await OpenAiCompatibleStub.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Stub.DisposeAsync();
    }
}

/// <summary>A real LLM's reply reaches the SignalR client as the model writes it, through the output guard.</summary>
public sealed class StreamingHubTests(StreamingHubFixture app) : IClassFixture<StreamingHubFixture>
{
    [Fact]
    public async Task The_model_reply_streams_to_the_client_piece_by_piece_and_masked()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        await using var connection = app.Connect(app.TokenFor(customer));
        await connection.StartAsync();
        var session = await connection.InvokeAsync<StartSessionResponse>("StartSession", new StartSessionRequest("web", null, null));
        app.Stub.EnqueueToolCall("accounts-get_balance", """{"account":"checking"}""");
        app.Stub.EnqueueText("About card 4111 1111 1111 1111 and [SSN_1]: your checking account has $1,250.00 available right now.");

        var chunks = new List<ChatChunk>();
        await foreach (var chunk in connection.StreamAsync<ChatChunk>("SendMessage", session.SessionId, "my SSN is 123-45-6789, what's my checking balance?"))
        {
            chunks.Add(chunk);
        }

        var deltas = chunks.Where(c => c.Kind == "delta").Select(c => c.Text).ToList();
        var final = Assert.Single(chunks, c => c.Kind == "final");
        Assert.True(deltas.Count > 1, $"expected several deltas, got {deltas.Count}");
        Assert.Equal(final.Text, string.Concat(deltas));
        Assert.Equal(["accounts.get_balance"], final.Tools);
        Assert.DoesNotContain("4111 1111 1111 1111", final.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("123-45-6789", final.Text, StringComparison.Ordinal);
        Assert.Contains("1,250.00", final.Text, StringComparison.Ordinal);
    }
}
