using System.Collections.Concurrent;
using System.Security.Cryptography;
using BankingLlm.Assistant.Transcripts;
using BankingLlm.TestSupport;

namespace BankingLlm.Assistant.Tests.Transcripts;

/// <summary>
/// One in-process assistant (the real app on loopback over a fresh database) shared by every transcript test of
/// the run, as `replay` shares one per run.
/// </summary>
public sealed class TranscriptServerFixture : IAsyncLifetime
{
    private string _connectionString = "";
    private readonly string _dir = Directory.CreateTempSubdirectory("bankingllm-replay-").FullName;

    private readonly ConcurrentDictionary<string, Lazy<Task<TranscriptResult>>> _runs = new(StringComparer.Ordinal);

    public ReplayTarget Target { get; private set; } = null!;
    public TranscriptReplayer Replayer { get; private set; } = null!;

    /// <summary>
    /// The result of replaying <paramref name="file"/>, also starting the next few files in the background: xunit
    /// runs a theory's cases one after another, and transcripts are independent, so the corpus replays in parallel.
    /// </summary>
    public Task<TranscriptResult> ReplayAsync(string file, IEnumerable<string> upcoming)
    {
        foreach (var next in upcoming)
        {
            _ = Start(next);
        }
        return Start(file);
    }

    private Task<TranscriptResult> Start(string file) =>
        _runs.GetOrAdd(file, f => new Lazy<Task<TranscriptResult>>(() => Task.Run(() => Replayer.RunFileAsync(f)))).Value;

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync();
        Target = await ReplayTarget.StartInProcessAsync(ServerArgs(_connectionString, _dir));
        Replayer = new TranscriptReplayer(Target);
    }

    /// <summary>Configuration of a test replay server: a fresh database, its own key file and signing key.</summary>
    public static string[] ServerArgs(string connectionString, string dir, params string[] extra) =>
    [
        $"--ConnectionStrings:Banking={connectionString}",
        $"--KeyRing:KeyFile={Path.Combine(dir, "keys.json")}",
        $"--Auth:SigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
        "--Database:MigrateOnStart=true",
        "--Database:SeedDemoDataOnStart=false",
        "--Database:MinPoolSize=0",
        .. extra,
    ];

    public async Task DisposeAsync()
    {
        // Background replays started ahead of a filtered run finish before the server goes away.
        await Task.WhenAll(_runs.Values.Select(r => r.Value));
        await Target.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_connectionString);
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The repository root (where tests/transcripts lives), found from the test's output folder.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string FixturePath(string name) => Path.Combine(RepositoryRoot, "tests", "Assistant.Tests", "Transcripts", "Fixtures", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BankingLlm.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the repository root (BankingLlm.sln) above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(nameof(TranscriptCollection))]
public sealed class TranscriptCollection : ICollectionFixture<TranscriptServerFixture>;
