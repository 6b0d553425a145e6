using System.Net.Sockets;
using Npgsql;

namespace BankingLlm.Assistant.Tests.Cli;

/// <summary>The executable's verbs and its answers to bad input: one clear line and a non-zero exit.</summary>
public sealed class CliTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task Help_lists_the_verbs()
    {
        using var app = new AssistantProcess();
        var (code, stdout, _) = await app.RunAsync(Timeout, "--help");
        Assert.Equal(0, code);
        foreach (var verb in new[] { "serve", "db", "keys" })
        {
            Assert.Contains(verb, stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("db", "seed")]
    [InlineData("db", "seed", "--demo", "--customers", "5")]
    [InlineData("db", "seed", "--customers", "abc")]
    [InlineData("db", "seed", "--customers", "0")]
    [InlineData("keys", "reencrypt", "--batch-size", "0")]
    public async Task Wrong_arguments_give_a_message_and_a_non_zero_exit(params string[] args)
    {
        using var app = new AssistantProcess();
        var (code, _, stderr) = await app.RunAsync(Timeout, args);
        Assert.NotEqual(0, code);
        Assert.False(string.IsNullOrWhiteSpace(stderr));
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pii_scan_turns_jsonl_in_into_jsonl_out_and_reports_a_bad_line_without_stopping()
    {
        using var app = new AssistantProcess();
        var input = string.Join('\n',
            """{"id":"a","text":"My SSN is 912-44-0917, call me at 415-555-0132"}""",
            "this is not json",
            """{"id":"v","text":"my social is nine one two four four oh nine one seven","channel":"voice"}""") + "\n";
        var (code, stdout, _) = await app.RunWithInputAsync(Timeout, input, "pii", "scan");
        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal("My SSN is [SSN_1], call me at [PHONE_1]", lines[0].GetProperty("masked").GetString());
        var ssn = lines[0].GetProperty("entities")[0];
        Assert.Equal(("ssn", 10, 21), (ssn.GetProperty("type").GetString(), ssn.GetProperty("start").GetInt32(), ssn.GetProperty("end").GetInt32()));
        Assert.True(lines[1].TryGetProperty("error", out _));
        Assert.Equal("my social is [SSN_1]", lines[2].GetProperty("masked").GetString());
        Assert.DoesNotContain("912-44-0917", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_names_the_server_and_exits_non_zero()
    {
        using var app = new AssistantProcess();
        app.Environment["ConnectionStrings__Banking"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=u;Password=secret-pw;Database=banking;Timeout=3";
        var (code, _, stderr) = await app.RunAsync(Timeout, "db", "migrate");
        Assert.Equal(3, code);
        Assert.Contains("127.0.0.1", stderr, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Banking", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_postgres_binaries_name_the_setting()
    {
        using var app = new AssistantProcess();
        app.Environment["LocalPostgres__BinDirectory"] = "/nonexistent/postgresql/bin";
        var (code, _, stderr) = await app.RunAsync(Timeout, "db", "migrate");
        Assert.Equal(3, code);
        Assert.Contains("LocalPostgres:BinDirectory", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_key_file_names_the_file()
    {
        using var app = new AssistantProcess();
        var keyFile = Path.Combine(app.WorkingDirectory, "keys.json");
        await File.WriteAllTextAsync(keyFile, "{ not json");
        app.Environment["KeyRing__KeyFile"] = keyFile;
        var (code, _, stderr) = await app.RunAsync(Timeout, "keys", "rotate");
        Assert.Equal(2, code);
        Assert.Contains(keyFile, stderr, StringComparison.Ordinal);
        Assert.Equal("{ not json", await File.ReadAllTextAsync(keyFile));
    }

    [Fact]
    public async Task A_wrong_setting_names_the_setting()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var db = scratch.ConnectionString;
        using var app = new AssistantProcess();
        app.Environment["ConnectionStrings__Banking"] = db;
        app.Environment["Database__MaxPoolSize"] = "0";
        app.Environment["Auth__SigningKey"] = SigningKey;
        var (code, _, stderr) = await app.RunAsync(Timeout, "--urls", "http://127.0.0.1:0");
        Assert.Equal(2, code);
        Assert.Contains("MaxPoolSize", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_seed_and_rotate_work_end_to_end_and_a_failed_migration_leaves_nothing_behind()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var db = scratch.ConnectionString;
        using var app = new AssistantProcess();
        app.Environment["ConnectionStrings__Banking"] = db;
        app.Environment["KeyRing__KeyFile"] = Path.Combine(app.WorkingDirectory, "keys.json");

        // An object in the way of the last table makes the migration fail part-way: nothing of it may remain.
        await ExecAsync(db, "CREATE TABLE pii_vault (x int)");
        var failed = await app.RunAsync(Timeout, "db", "migrate");
        Assert.NotEqual(0, failed.ExitCode);
        Assert.False(await ScalarAsync<bool>(db, "SELECT to_regclass('public.customers') IS NOT NULL"));
        await ExecAsync(db, "DROP TABLE pii_vault");

        var migrate = await app.RunAsync(Timeout, "db", "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.StdErr);
        Assert.Contains("Applied", migrate.StdOut, StringComparison.Ordinal);
        var again = await app.RunAsync(Timeout, "db", "migrate");
        Assert.Contains("up to date", again.StdOut, StringComparison.Ordinal);

        var seed = await app.RunAsync(Timeout, "db", "seed", "--customers", "20", "--transactions", "500");
        Assert.True(seed.ExitCode == 0, seed.StdErr);
        Assert.Equal(500L, await ScalarAsync<long>(db, "SELECT count(*) FROM transactions"));

        var rotate = await app.RunAsync(Timeout, "keys", "rotate");
        Assert.True(rotate.ExitCode == 0, rotate.StdErr);
        var reencrypt = await app.RunAsync(Timeout, "keys", "reencrypt", "--batch-size", "7");
        Assert.True(reencrypt.ExitCode == 0, reencrypt.StdErr);
        Assert.Contains("Re-encrypted 20 row(s); 0 remaining", reencrypt.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serving_a_shared_database_without_a_token_signing_key_names_the_setting()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var db = scratch.ConnectionString;
        using var app = new AssistantProcess();
        app.Environment["ConnectionStrings__Banking"] = db;
        var (code, _, stderr) = await app.RunAsync(Timeout, "--urls", "http://127.0.0.1:0");
        Assert.Equal(2, code);
        Assert.Contains("Auth:SigningKey", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_migrates_seeds_and_answers_health()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var db = scratch.ConnectionString;
        using var app = new AssistantProcess();
        app.Environment["ConnectionStrings__Banking"] = db;
        app.Environment["Database__MigrateOnStart"] = "true";
        app.Environment["Database__SeedDemoDataOnStart"] = "true";
        app.Environment["Auth__SigningKey"] = SigningKey;
        app.Environment["KeyRing__KeyFile"] = Path.Combine(app.WorkingDirectory, "keys.json");
        var port = ClosedPort();
        using var process = app.Start("serve", "--urls", $"http://127.0.0.1:{port}");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var ready = false;
            for (var i = 0; i < 240 && !ready && !process.HasExited; i++)
            {
                try
                {
                    ready = (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                }
                if (!ready)
                {
                    await Task.Delay(250);
                }
            }
            Assert.True(ready, process.HasExited ? await process.StandardError.ReadToEndAsync() : "not ready");
            Assert.True((await http.GetAsync(new Uri("/health/live", UriKind.Relative))).IsSuccessStatusCode);
            Assert.True(await ScalarAsync<long>(db, "SELECT count(*) FROM customers") > 0);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task ExecAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    internal static async Task<T> ScalarAsync<T>(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
