using BankingLlm.Assistant.Transcripts;
using BankingLlm.Data;
using BankingLlm.PiiGuard.Analysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BankingLlm.Assistant.Tests.Transcripts;

/// <summary>A stored conversation exported as a transcript replays and passes, and holds no raw PII.</summary>
[Collection(nameof(TranscriptCollection))]
public sealed class TranscriptExportTests(TranscriptServerFixture server) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bankingllm-export-").FullName;

    [Fact]
    public async Task A_conversation_exported_and_replayed_passes()
    {
        var original = Path.Combine(_dir, "conversation.yaml");
        await File.WriteAllTextAsync(original, """
            name: A conversation to export
            given:
              customer: { first_name: Dana, last_name: Reyes }
              accounts:
                - { type: checking, nickname: Everyday, balance: 1250.00 }
                - { type: savings, balance: 5000.00 }
              transactions:
                - { account: checking, type: debit, amount: 42.17, merchant: Blue Bottle Coffee, days_ago: 2 }
            turns:
              - user: what's my checking balance?
              - user: my social is 123-45-6789, is my profile complete?
              - user: move $200 from checking to savings
              - confirm: last
            end: { resolution: resolved }
            """);
        var first = await server.Replayer.RunFileAsync(original);
        Assert.True(first.Passed, first.Describe());

        var services = server.Target.Services;
        var yaml = await new TranscriptExporter(services.GetRequiredService<IDbContextFactory<BankingDbContext>>(), services.GetRequiredService<IPiiAnalyzer>())
            .ExportAsync(first.SessionId!.Value);

        Assert.DoesNotContain("123-45-6789", yaml, StringComparison.Ordinal);
        Assert.Contains("tools: [accounts.get_balance]", yaml, StringComparison.Ordinal);
        Assert.Contains("pii: [ssn]", yaml, StringComparison.Ordinal);
        Assert.Contains("masked: \"my social is [SSN_1], is my profile complete?\"", yaml, StringComparison.Ordinal);
        Assert.Contains("tools: [transfers.prepare_transfer]", yaml, StringComparison.Ordinal);
        Assert.Contains("tools: [transfers.confirm_transfer]", yaml, StringComparison.Ordinal);
        var end = yaml[yaml.IndexOf("\nend:", StringComparison.Ordinal)..];
        Assert.Contains("\"Everyday\": 1050.00", end, StringComparison.Ordinal);
        Assert.Contains("\"savings\": 5200.00", end, StringComparison.Ordinal);
        Assert.Contains("- { type: checking, nickname: \"Everyday\", balance: 1250.00 }", yaml, StringComparison.Ordinal);
        Assert.Contains("merchant: \"Blue Bottle Coffee\"", yaml, StringComparison.Ordinal);

        var exported = Path.Combine(_dir, "exported.yaml");
        await File.WriteAllTextAsync(exported, yaml);
        var replayed = await server.Replayer.RunFileAsync(exported);
        Assert.True(replayed.Passed, replayed.Describe() + Environment.NewLine + yaml);
    }

    [Fact]
    public async Task An_unknown_session_is_a_clear_error()
    {
        var services = server.Target.Services;
        var exporter = new TranscriptExporter(services.GetRequiredService<IDbContextFactory<BankingDbContext>>(), services.GetRequiredService<IPiiAnalyzer>());
        var missing = Guid.NewGuid();
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => exporter.ExportAsync(missing));
        Assert.Equal($"No chat session {missing}.", ex.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
