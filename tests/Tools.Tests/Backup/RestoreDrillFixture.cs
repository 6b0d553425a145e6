using System.Globalization;
using System.Security.Cryptography;
using BankingLlm.Data.Postgres;
using BankingLlm.Tools.Tests.Support;
using Npgsql;

namespace BankingLlm.Tools.Tests.Backup;

/// <summary>
/// The tools fixture on a cluster of its own (the project's launcher, fixed port, private socket), set up for backups
/// by ops/backup/setup.sh into a temporary encrypted repository: the first run turns archiving on and asks for a
/// restart, the second (after the restart) creates the stanza and checks it. The cluster can be destroyed and
/// started again from a restored data directory; the services keep working since the connection string is the same.
/// </summary>
public sealed class RestoreDrillFixture : ToolsFixture
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "bankingllm-drill-" + Guid.NewGuid().ToString("N")[..8]);
    private LocalPostgresOptions _options = new();
    private LocalPostgres? _cluster;
    private string _connectionString = "";

    public string DataDirectory => Path.Combine(_root, "pg", "data");

    public string ConfigPath => Path.Combine(_root, "conf");

    public string ScheduleDirectory => Path.Combine(_root, "schedule");

    /// <summary>A folder for tests' own scratch directories (owned by the cluster's OS user like the cluster's).</summary>
    public string ScratchPath(string name) => Path.Combine(_root, "pg", name);

    public BackupScripts Scripts { get; private set; } = new(new Dictionary<string, string>());

    public ScriptResult FirstSetup { get; private set; } = new(-1, "");

    public ScriptResult SecondSetup { get; private set; } = new(-1, "");

    protected override async Task<string> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_root);
        _options = new LocalPostgresOptions
        {
            DataDirectory = Path.Combine(_root, "pg"),
            Port = LocalPostgres.FreeLoopbackPort(),
            SocketDirectory = Path.Combine(_root, "sock"),
        };
        _cluster = await LocalPostgres.StartAsync(_options, _root);
        _connectionString = new NpgsqlConnectionStringBuilder(_cluster.ConnectionString) { Pooling = false }.ConnectionString;
        Scripts = new BackupScripts(new Dictionary<string, string>
        {
            ["BACKUP_PG_DATA"] = DataDirectory,
            ["BACKUP_PG_PORT"] = _options.Port.ToString(CultureInfo.InvariantCulture),
            ["BACKUP_PG_SOCKET"] = _options.SocketDirectory!,
            ["BACKUP_PG_USER"] = new NpgsqlConnectionStringBuilder(_cluster.ConnectionString).Username!,
            ["BACKUP_CONFIG_PATH"] = ConfigPath,
            ["BACKUP_REPO1_PATH"] = Path.Combine(_root, "repo"),
            ["BACKUP_LOG_PATH"] = Path.Combine(_root, "log"),
            ["BACKUP_LOCK_PATH"] = Path.Combine(_root, "lock"),
            ["BACKUP_SCHEDULE_DIR"] = ScheduleDirectory,
            ["PGBACKREST_REPO1_CIPHER_PASS"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(36)),
        });
        FirstSetup = await Scripts.SetupAsync();
        if (FirstSetup.ExitCode == 3)
        {
            await StopAsync();
            await StartAsync();
        }
        SecondSetup = await Scripts.SetupAsync();
        if (SecondSetup.ExitCode != 0)
        {
            throw new InvalidOperationException($"setup.sh failed (first run exit {FirstSetup.ExitCode}: {FirstSetup.Output}; second run exit {SecondSetup.ExitCode}: {SecondSetup.Output})");
        }
        return _cluster.ConnectionString;
    }

    protected override async Task DropDatabaseAsync(string connectionString)
    {
        // The services are disposed by now: only the cluster is left to stop.
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.StopAsync();
            _cluster = null;
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    public async Task StopAsync()
    {
        ClearPools();
        if (_cluster is not null)
        {
            await _cluster.StopAsync();
            _cluster = null;
        }
    }

    /// <summary>Starts the cluster in <see cref="DataDirectory"/> and waits until it accepts writes (recovery over).</summary>
    public async Task StartAsync()
    {
        _cluster = await LocalPostgres.StartAsync(_options, _root);
        ClearPools();
        for (var i = 0; await ScalarAsync<bool>("SELECT pg_is_in_recovery()"); i++)
        {
            if (i == 600)
            {
                throw new TimeoutException("The restored cluster is still in recovery after 60 s: see " + Path.Combine(_root, "pg", "server.log"));
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Drops pooled connections to the stopped server: the services' data source's, and the tests' own.</summary>
    private void ClearPools()
    {
        NpgsqlConnection.ClearAllPools();
        if (ConnectionString.Length > 0)
        {
            // Set once the services are built (DataFixture builds them right after CreateDatabaseAsync).
            Get<NpgsqlDataSource>().Clear();
        }
    }

    /// <summary>Backs up with pgBackRest (full/diff/incr) and returns the new backup's label.</summary>
    public async Task<string> BackupAsync(string type)
    {
        var result = await Scripts.PgBackRestAsync($"--type={type}", "--log-level-console=info", "backup");
        Assert.True(result.ExitCode == 0, $"pgbackrest backup --type={type} failed: {result.Output}");
        const string marker = "new backup label = ";
        var line = result.Output.Split('\n').Single(l => l.Contains(marker, StringComparison.Ordinal));
        return line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim();
    }

    /// <summary>Closes the current WAL segment and waits until the archiver has pushed it to the repository.</summary>
    public async Task ArchiveCurrentWalAsync()
    {
        var segment = await ScalarAsync<string>("SELECT pg_walfile_name(pg_switch_wal())");
        for (var i = 0; ; i++)
        {
            var archived = await ScalarAsync<string>("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver");
            if (string.CompareOrdinal(archived, segment) >= 0)
            {
                return;
            }
            if (i == 600)
            {
                var failed = await ScalarAsync<string>("SELECT coalesce(last_failed_wal, 'none') FROM pg_stat_archiver");
                throw new TimeoutException($"WAL segment {segment} not archived after 60 s (last archived '{archived}', last failed '{failed}').");
            }
            await Task.Delay(100);
        }
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var conn = new NpgsqlConnection(_connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
