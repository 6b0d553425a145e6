using BankingLlm.PiiGuard.Analysis;
using BankingLlm.PiiGuard.Operators;
using BankingLlm.PiiGuard.Recording;
using BankingLlm.PiiGuard.Tests.Evaluation;
using BankingLlm.PiiGuard.Tests.TestSupport;
using BankingLlm.PiiGuard.Vault;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BankingLlm.PiiGuard.Tests;

public sealed class PiiGuardServiceTests
{
    [Fact]
    public async Task Processing_masks_vaults_and_records_without_values()
    {
        var (service, sink, store, _) = Guard.Service();
        const string text = "My SSN is 123-45-6789 and my card 4111 1111 1111 1111, CVV 321. Call (415) 555-0132.";

        var result = await service.ProcessMessageAsync(new PiiMessage("session-1", text, SourceId: "msg-1"));

        Assert.Equal("My SSN is [SSN_1] and my card [CREDIT_CARD_1], CVV [CVV_REMOVED]. Call [PHONE_1].", result.MaskedText);
        Assert.Equal([PiiType.Ssn, PiiType.CreditCard, PiiType.Phone], result.MaskedTypes);
        Assert.Equal(1, result.SecurityCodesDropped);
        Assert.Equal(3, sink.Records.Count);
        foreach (var record in sink.Records)
        {
            var serialized = System.Text.Json.JsonSerializer.Serialize(record);
            Assert.DoesNotContain("6789", serialized.Replace("***-**-6789", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("4111", serialized, StringComparison.Ordinal);
            Assert.DoesNotContain("555-0132", serialized, StringComparison.Ordinal);
            Assert.DoesNotContain("321", serialized.Replace(record.ValueHash, "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Equal("msg-1", record.SourceId);
            Assert.Equal(64, record.ValueHash.Length);
        }

        var ssn = sink.Records.Single(r => r.Type == PiiType.Ssn);
        Assert.Equal(PiiAction.Encrypted, ssn.Action);
        Assert.Equal("My SSN is ", ssn.ContextBefore);
        Assert.StartsWith(" and my card [CREDIT_CARD_1], CVV [CVV_REMOVED]", ssn.ContextAfter, StringComparison.Ordinal);
        Assert.Equal(PiiAction.Masked, sink.Records.Single(r => r.Type == PiiType.CreditCard).Action);
        Assert.NotNull(await store.LoadAsync("session-1"));
        Assert.Equal("123-45-6789", (await service.GetVaultAsync("session-1")).Resolve("[SSN_1]"));
    }

    [Fact]
    public async Task Placeholders_persist_across_messages_of_a_session_and_not_across_sessions()
    {
        var (service, _, _, _) = Guard.Service();

        await service.ProcessMessageAsync(new PiiMessage("a", "call (415) 555-0132"));
        var second = await service.ProcessMessageAsync(new PiiMessage("a", "SSN 123-45-6789, phone 415-555-0132, new phone 212-555-0199"));
        var otherSession = await service.ProcessMessageAsync(new PiiMessage("b", "phone 212-555-0199"));

        Assert.Equal("SSN [SSN_1], phone [PHONE_1], new phone [PHONE_2]", second.MaskedText);
        Assert.Equal("phone [PHONE_1]", otherSession.MaskedText);
    }

    [Fact]
    public async Task Concurrent_messages_of_one_session_never_give_one_value_two_placeholders()
    {
        var (service, _, _, _) = Guard.Service();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            service.ProcessMessageAsync(new PiiMessage("s", $"SSN 123-45-6789 and phone 212-555-01{i % 5:00}"))));

        Assert.All(results, r => Assert.StartsWith("SSN [SSN_1] and phone [PHONE_", r.MaskedText, StringComparison.Ordinal));
        var vault = await service.GetVaultAsync("s");
        Assert.Equal(6, vault.Count);
    }

    [Fact]
    public void Bad_input_gives_a_defined_result_or_a_clear_error()
    {
        var analyzer = Guard.Analyzer;

        Assert.Throws<ArgumentNullException>(() => analyzer.Analyze(null!));
        Assert.Empty(analyzer.Analyze(string.Empty).Entities);
        var tooLong = Assert.Throws<ArgumentException>(() => analyzer.Analyze(new string('1', 100_001)));
        Assert.Contains("MaxTextLength", tooLong.Message, StringComparison.Ordinal);

        // Adversarial but accepted: long digit runs, separators, control characters, lone surrogates, deep Unicode.
        Assert.Empty(analyzer.Analyze(new string('7', 100_000)).Entities);
        analyzer.Analyze(string.Concat(Enumerable.Repeat("1-", 40_000)));
        analyzer.Analyze(string.Concat(Enumerable.Repeat("12 ", 30_000)));
        analyzer.Analyze(string.Concat(Enumerable.Repeat("1 Main ", 10_000)));
        analyzer.Analyze(string.Concat(Enumerable.Repeat("a.", 40_000)) + "@" + string.Concat(Enumerable.Repeat("b.", 5_000)));
        analyzer.Analyze(string.Concat(Enumerable.Repeat("one two ", 10_000)), PiiChannel.Voice);
        var odd = "SSN\u0000 123-45-6789 \ud800 \u202e card\u200b 4111111111111111 \U0001F600";
        var entities = analyzer.Analyze(odd).Entities;
        Assert.Contains(entities, e => e.Type == PiiType.Ssn);
        Assert.Contains(entities, e => e.Type == PiiType.CreditCard);
    }

    [CorpusFact]
    public void No_masked_corpus_message_contains_a_detected_value()
    {
        var anonymizer = Guard.Anonymizer();
        foreach (var line in PiiCorpus.Load(PiiCorpus.Locate()!))
        {
            var analysis = Guard.Analyzer.Analyze(line.Text, PiiChannelNames.Parse(line.Channel));
            var masked = anonymizer.Anonymize(analysis, new PiiVault("s")).Text;
            foreach (var entity in analysis.Entities)
            {
                Assert.DoesNotContain(entity.Text, masked, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task AddPiiGuard_binds_options_and_resolves_the_guard()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PiiGuard:Thresholds:phone"] = "0.9",
            ["PiiGuard:AllowList:0"] = "1-800-555-0100",
        });
        builder.AddPiiGuard();
        RegisterHostParts(builder.Services);
        using var host = builder.Build();
        await host.StartAsync();

        var guard = host.Services.GetRequiredService<IPiiGuard>();
        var options = host.Services.GetRequiredService<IOptions<PiiGuardOptions>>().Value;
        var result = await guard.ProcessMessageAsync(new PiiMessage("s", "SSN 123-45-6789"));

        Assert.Equal(0.9, options.ThresholdFor(PiiType.Phone));
        Assert.Equal(["1-800-555-0100"], options.AllowList);
        Assert.Equal("SSN [SSN_1]", result.MaskedText);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("PiiGuard:Thresholds:phonenumber", "0.5", "phonenumber")]
    [InlineData("PiiGuard:DefaultThreshold", "1.5", "DefaultThreshold")]
    [InlineData("PiiGuard:ContextCharacters", "900", "ContextCharacters")]
    public async Task A_wrong_setting_fails_at_start_naming_the_setting(string key, string value, string named)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.AddPiiGuard();
        RegisterHostParts(builder.Services);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static void RegisterHostParts(IServiceCollection services)
    {
        services.AddSingleton<IPiiHashKeyProvider>(new FixedHashKeyProvider());
        services.AddSingleton<IVaultProtector, AesGcmTestProtector>();
        services.AddSingleton<IPiiVaultStore, InMemoryPiiVaultStore>();
        services.AddSingleton<IPiiDetectionSink, CollectingSink>();
    }
}
