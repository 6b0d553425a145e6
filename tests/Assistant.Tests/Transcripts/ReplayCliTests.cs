using System.Security.Cryptography;
using System.Xml.Linq;
using BankingLlm.Assistant.Tests.Cli;

namespace BankingLlm.Assistant.Tests.Transcripts;

/// <summary>The `replay` verb as CI runs it: the real executable, failures printed, the summary line, the exit code, JUnit XML.</summary>
public sealed class ReplayCliTests
{
    [Fact]
    public async Task Replay_prints_failures_and_the_summary_exits_non_zero_and_writes_junit_xml()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var connectionString = scratch.ConnectionString;
        using var process = new AssistantProcess();
        process.Environment["ConnectionStrings__Banking"] = connectionString;
        process.Environment["Auth__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        process.Environment["KeyRing__KeyFile"] = Path.Combine(process.WorkingDirectory, "keys.json");
        process.Environment["Database__MigrateOnStart"] = "true";
        process.Environment["Database__SeedDemoDataOnStart"] = "false";
        var good = Path.Combine(TranscriptServerFixture.RepositoryRoot, "tests", "transcripts", "examples", "transfer-with-confirmation.yaml");
        var wrong = TranscriptServerFixture.FixturePath("wrong-expectation.yaml");
        var malformed = TranscriptServerFixture.FixturePath("unknown-account.yaml");
        var report = Path.Combine(process.WorkingDirectory, "report.xml");

        var (exit, stdout, stderr) = await process.RunAsync(TimeSpan.FromMinutes(4), "replay", good, wrong, malformed, "--report", report);

        Assert.True(exit == 1, $"exit {exit}: {stdout} {stderr}");
        Assert.Contains($"{wrong}:10: turn 1 (user: \"How much do I have in checking?\"): reply_contains: expected the reply to contain \"9,999.99\"", stdout, StringComparison.Ordinal);
        Assert.Contains($"{malformed}:9: unknown account reference 'brokerage'", stdout, StringComparison.Ordinal);
        Assert.EndsWith("1 passed, 2 failed", stdout.TrimEnd(), StringComparison.Ordinal);

        var xml = XDocument.Load(report);
        var suite = Assert.Single(xml.Root!.Elements("testsuite"));
        Assert.Equal(("3", "1", "1"), ((string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!, (string)suite.Attribute("errors")!));
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal([good, wrong, malformed], cases.Select(c => (string)c.Attribute("file")!));
        Assert.Empty(cases[0].Elements());
        Assert.Contains("reply_contains", (string)cases[1].Element("failure")!.Attribute("message")!, StringComparison.Ordinal);
        Assert.Contains("unknown account reference", cases[2].Element("error")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_path_is_named_and_nothing_runs()
    {
        using var process = new AssistantProcess();
        var (exit, _, stderr) = await process.RunAsync(TimeSpan.FromMinutes(1), "replay", "no/such/transcripts");
        Assert.Equal(4, exit);
        Assert.Contains("no such file or folder: no/such/transcripts", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_against_a_running_server_creates_customers_in_its_database_and_passes()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var connectionString = scratch.ConnectionString;
        using var process = new AssistantProcess();
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var keyFile = Path.Combine(process.WorkingDirectory, "keys.json");
        // A server running on its own (here: in this test process); the replay only knows its address and shares its database, keys and signing key.
        await using var running = await Assistant.Transcripts.ReplayTarget.StartInProcessAsync(
        [
            $"--ConnectionStrings:Banking={connectionString}", $"--KeyRing:KeyFile={keyFile}", $"--Auth:SigningKey={signingKey}",
            "--Database:MigrateOnStart=true", "--Database:SeedDemoDataOnStart=false", "--Database:MinPoolSize=0",
        ]);
        process.Environment["ConnectionStrings__Banking"] = connectionString;
        process.Environment["KeyRing__KeyFile"] = keyFile;
        process.Environment["Auth__SigningKey"] = signingKey;
        var examples = Path.Combine(TranscriptServerFixture.RepositoryRoot, "tests", "transcripts", "examples");

        var (exit, stdout, stderr) = await process.RunAsync(TimeSpan.FromMinutes(4), "replay", Path.Combine(examples, "transfer-with-confirmation.yaml"),
            Path.Combine(examples, "voice-spoken-pii.yaml"), "--server", running.BaseAddress.ToString());

        Assert.True(exit == 0, $"exit {exit}: {stdout} {stderr}");
        Assert.EndsWith("2 passed, 0 failed", stdout.TrimEnd(), StringComparison.Ordinal);
    }
}
