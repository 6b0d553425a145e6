using BankingLlm.Assistant.Tests.Agent.Providers;
using BankingLlm.Assistant.Transcripts;
using BankingLlm.TestSupport;

namespace BankingLlm.Assistant.Tests.Transcripts;

/// <summary>
/// `--record-model` against an OpenAI-compatible endpoint (the in-process stub), then `--replay-model` with the
/// endpoint gone: the same transcript passes on recorded responses, and a request with no recording fails clearly.
/// </summary>
public sealed class ModelRecordReplayTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bankingllm-record-").FullName;
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        await TestPostgres.DropDatabaseAsync(_connectionString);
        Directory.Delete(_dir, recursive: true);
    }

    private const string Transcript = """
        name: Balance and a transfer on a remote model
        given:
          accounts:
            - { type: checking, nickname: Everyday, balance: 1250.00 }
            - { type: savings, balance: 5000.00 }
        turns:
          - user: my SSN is 123-45-6789, what's my checking balance?
            expect:
              tools_exact: true
              tools: [accounts.get_balance]
              pii: [ssn]
              reply_contains: ["1,250.00"]
          - user: move $100 from checking to savings
            expect:
              tools: [transfers.prepare_transfer]
              pending: true
              balances: { checking: 1250.00 }
        """;

    private string[] Args(Uri endpoint) => TranscriptServerFixture.ServerArgs(_connectionString, _dir,
        "--Model:Provider=OpenAI", $"--Model:Endpoint={endpoint}", "--Model:ModelId=gpt-4o-mini", "--Model:TimeoutSeconds=10", "--Model:MaxToolRounds=4");

    [Fact]
    public async Task Recorded_model_responses_replay_without_the_model()
    {
        var file = Path.Combine(_dir, "remote.yaml");
        await File.WriteAllTextAsync(file, Transcript);
        var recording = Path.Combine(_dir, "model.json");

        Uri endpoint;
        await using (var stub = await OpenAiCompatibleStub.StartAsync())
        {
            endpoint = stub.OpenAiEndpoint;
            stub.EnqueueToolCall("accounts-get_balance", """{"account":"checking"}""");
            stub.EnqueueText("Your checking account has $1,250.00.");
            stub.EnqueueToolCall("transfers-prepare_transfer", """{"from_account":"checking","to_account":"savings","amount":100}""");
            stub.EnqueueText("Please confirm: move $100.00 from checking to savings?");
            await using (var recordingServer = await ReplayTarget.StartInProcessAsync(Args(endpoint), new ModelRecordingOptions(RecordFile: recording)))
            {
                var recorded = await new TranscriptReplayer(recordingServer).RunFileAsync(file);
                Assert.True(recorded.Passed, recorded.Describe());
            }
            Assert.Equal(4, stub.Requests.Count);
            Assert.Equal(0, stub.PendingResponses);
        }

        var saved = await File.ReadAllTextAsync(recording);
        Assert.DoesNotContain("123-45-6789", saved, StringComparison.Ordinal);
        var model = ModelRecording.Load(recording);
        Assert.Equal([1, 2, 3, 4], model.Exchanges.Select(e => e.Sequence));
        Assert.Equal("get_balance", model.Exchanges[0].Reply.ToolCalls.Single().Function);

        // The stub is gone: the endpoint refuses connections. Recorded responses carry the same transcript.
        await using var replayServer = await ReplayTarget.StartInProcessAsync(Args(endpoint), new ModelRecordingOptions(ReplayFile: recording));
        var replayer = new TranscriptReplayer(replayServer);
        var replayed = await replayer.RunFileAsync(file);
        Assert.True(replayed.Passed, replayed.Describe());

        // The same transcript (same name and file name) with one more turn than was recorded: that turn fails,
        // naming the missing recording; the recorded turns still pass.
        var longer = Path.Combine(Directory.CreateDirectory(Path.Combine(_dir, "longer")).FullName, "remote.yaml");
        await File.WriteAllTextAsync(longer, Transcript + "\n  - user: and my savings balance?\n");
        var missing = await replayer.RunFileAsync(longer);
        Assert.Empty(missing.Problems);
        Assert.All(missing.Failures, f => Assert.Equal(3, f.Turn));
        var failure = Assert.Single(missing.Failures, f => f.Assertion == "recorded model");
        Assert.Equal(3, failure.Turn);
        Assert.Contains("model request #5 has no recorded response", failure.Seen, StringComparison.Ordinal);
    }
}
