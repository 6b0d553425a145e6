using BankingLlm.PiiGuard.Analysis;
using BankingLlm.PiiGuard.Operators;
using BankingLlm.PiiGuard.Output;
using BankingLlm.PiiGuard.Vault;
using Microsoft.Extensions.Options;

namespace BankingLlm.PiiGuard.Tests.TestSupport;

/// <summary>Builds the guard's parts the way AddPiiGuard wires them, with test doubles for the host's parts.</summary>
public static class Guard
{
    public static PiiAnalyzer Analyzer { get; } = PiiAnalyzer.CreateDefault();

    public static IPiiValueHasher Hasher { get; } = new HmacPiiValueHasher(new FixedHashKeyProvider());

    public static IOptions<PiiGuardOptions> Options(Action<PiiGuardOptions>? configure = null)
    {
        var options = new PiiGuardOptions();
        configure?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    public static PiiAnonymizer Anonymizer(Action<PiiGuardOptions>? configure = null) => new(Hasher, Options(configure));

    public static PiiOutputGuard OutputGuard() => new(Analyzer, Hasher, Options());

    public static (PiiGuardService Service, CollectingSink Sink, InMemoryPiiVaultStore Store, AesGcmTestProtector Protector) Service(Action<PiiGuardOptions>? configure = null)
    {
        var options = Options(configure);
        var store = new InMemoryPiiVaultStore();
        var protector = new AesGcmTestProtector();
        var sink = new CollectingSink();
        var analyzer = new PiiAnalyzer(PiiAnalyzer.DefaultRecognizers(options.Value), options);
        analyzer.WarmUp();
        var service = new PiiGuardService(
            analyzer,
            new PiiAnonymizer(Hasher, options),
            new PiiVaultRepository(store, protector),
            new PiiOutputGuard(analyzer, Hasher, options),
            sink,
            options);
        return (service, sink, store, protector);
    }

    /// <summary>(type, text) of each detection, for compact table-driven assertions.</summary>
    public static List<(PiiType Type, string Text)> Detect(string text, PiiChannel channel = PiiChannel.Chat) =>
        [.. Analyzer.Analyze(text, channel).Entities.Select(e => (e.Type, e.Text))];
}
