using BankingLlm.Assistant.Transcripts;

namespace BankingLlm.Assistant.Tests.Transcripts;

/// <summary>The engine itself: a wrong expectation fails naming file, turn, expected and seen; malformed files do not stop the others.</summary>
[Collection(nameof(TranscriptCollection))]
public sealed class TranscriptEngineTests(TranscriptServerFixture server)
{
    [Fact]
    public async Task A_wrong_expectation_fails_naming_the_file_the_turn_and_what_differed()
    {
        var file = TranscriptServerFixture.FixturePath("wrong-expectation.yaml");
        var result = await server.Replayer.RunFileAsync(file);

        Assert.Equal(TranscriptOutcome.Failed, result.Outcome);
        Assert.Equal(2, result.Failures.Count);
        var reply = result.Failures[0];
        Assert.Equal((1, "reply_contains", 10), (reply.Turn, reply.Assertion, reply.Line));
        var text = reply.ToString();
        Assert.StartsWith(file + ":10: turn 1 (user: \"How much do I have in checking?\"): reply_contains: expected the reply to contain \"9,999.99\"; seen \"", text, StringComparison.Ordinal);
        Assert.Contains("1,250.00", text, StringComparison.Ordinal);

        // Nothing moves before the customer confirms: savings is still 5,000.00, and the message says so.
        var balance = result.Failures[1];
        Assert.Equal((2, "balances", 14), (balance.Turn, balance.Assertion, balance.Line));
        Assert.Contains("expected savings = 5,200.00; seen savings = 5,000.00", balance.ToString(), StringComparison.Ordinal);
        Assert.Contains(file, result.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_transcripts_are_reported_with_file_and_line_and_the_others_still_run()
    {
        string[] files =
        [
            TranscriptServerFixture.FixturePath("bad-yaml.yaml"),
            TranscriptServerFixture.FixturePath("unknown-assertion.yaml"),
            TranscriptServerFixture.FixturePath("unknown-account.yaml"),
            Path.Combine(TranscriptServerFixture.RepositoryRoot, "tests", "transcripts", "examples", "transfer-with-confirmation.yaml"),
        ];
        var results = await server.Replayer.RunFilesAsync(files, parallelism: 2);

        Assert.All(results.Take(3), r => Assert.Equal(TranscriptOutcome.Malformed, r.Outcome));
        var yaml = Assert.Single(results[0].Problems);
        Assert.Equal(files[0], yaml.File);
        Assert.InRange(yaml.Line, 6, 9);
        Assert.StartsWith("not valid YAML", yaml.Message, StringComparison.Ordinal);

        var assertion = Assert.Single(results[1].Problems);
        Assert.Equal((files[1], 9), (assertion.File, assertion.Line));
        Assert.Contains("unknown assertion 'reply_sounds_friendly'", assertion.Message, StringComparison.Ordinal);

        var account = Assert.Single(results[2].Problems);
        Assert.Equal((files[2], 9), (account.File, account.Line));
        Assert.Contains("unknown account reference 'brokerage'", account.Message, StringComparison.Ordinal);
        Assert.Contains($"{files[2]}:9: unknown account reference", results[2].Describe(), StringComparison.Ordinal);

        Assert.True(results[3].Passed, results[3].Describe());
    }
}
