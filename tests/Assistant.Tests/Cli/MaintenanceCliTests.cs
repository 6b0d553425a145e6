using BankingLlm.Data.Security;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BankingLlm.Assistant.Tests.Cli;

/// <summary>`retention run`, `customers anonymize` and `keys status` as an operator runs them, in a child process.</summary>
public sealed class MaintenanceCliTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    [Theory]
    [InlineData("retention", "run", "--batch-size", "0")]
    [InlineData("retention", "run", "--max-batches", "-1")]
    [InlineData("retention", "run", "--batch-size", "many")]
    [InlineData("customers", "anonymize")]
    [InlineData("customers", "anonymize", "not-a-customer-id")]
    public async Task Bad_arguments_give_one_line_and_a_non_zero_exit(params string[] args)
    {
        using var app = new AssistantProcess();
        var (code, _, stderr) = await app.RunAsync(Timeout, args);
        Assert.NotEqual(0, code);
        Assert.False(string.IsNullOrWhiteSpace(stderr));
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_anonymisation_and_key_status_verbs_work_end_to_end_and_refuse_an_unknown_customer()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var db = scratch.ConnectionString;
        using var app = NewApp(db);
        Assert.Equal(0, (await app.RunAsync(Timeout, "db", "seed", "--customers", "5", "--transactions", "200")).ExitCode);

        var dry = await app.RunAsync(Timeout, "retention", "run", "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.StdErr);
        Assert.Contains("dry run: nothing changed", dry.StdOut, StringComparison.Ordinal);
        Assert.Contains("transactions", dry.StdOut, StringComparison.Ordinal);
        var run = await app.RunAsync(Timeout, "retention", "run", "--batch-size", "50");
        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.Contains("Counts reconcile", run.StdOut, StringComparison.Ordinal);
        Assert.Equal(200L, await ScalarAsync<long>(db, "SELECT count(*) FROM transactions")); // two years of history: all inside 7 years

        var unknown = Guid.NewGuid();
        var refused = await app.RunAsync(Timeout, "customers", "anonymize", unknown.ToString());
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains($"No customer {unknown}", refused.StdErr, StringComparison.Ordinal);

        var id = await ScalarAsync<Guid>(db, "SELECT customer_id FROM customers ORDER BY customer_id LIMIT 1");
        var anonymized = await app.RunAsync(Timeout, "customers", "anonymize", id.ToString());
        Assert.True(anonymized.ExitCode == 0, anonymized.StdErr);
        Assert.Contains("anonymised", anonymized.StdOut, StringComparison.Ordinal);
        Assert.Equal("closed", await ScalarAsync<string>(db, $"SELECT status::text FROM customers WHERE customer_id = '{id}'"));
        var again = await app.RunAsync(Timeout, "customers", "anonymize", id.ToString());
        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Contains("already anonymised", again.StdOut, StringComparison.Ordinal);

        var status = await app.RunAsync(Timeout, "keys", "status");
        Assert.True(status.ExitCode == 0, status.StdErr);
        Assert.Contains("SSNs to re-encrypt: 0; to re-hash: 0; anonymised (no SSN): 1", status.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Re_encryption_killed_mid_way_resumes_and_every_row_ends_on_the_new_keys_and_decrypts()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var db = scratch.ConnectionString;
        using var app = NewApp(db);
        Assert.Equal(0, (await app.RunAsync(Timeout, "db", "seed", "--customers", "2000")).ExitCode);
        var keyFile = app.Environment["KeyRing__KeyFile"]!;
        var original = await SsnsAsync(db, keyFile);
        Assert.Equal(0, (await app.RunAsync(Timeout, "keys", "rotate", "--hash-key")).ExitCode);

        // Kill the verb as soon as its first batch has committed (one row per batch: thousands to go).
        using (var process = app.Start("keys", "reencrypt", "--batch-size", "1"))
        {
            process.StandardInput.Close();
            while (await process.StandardOutput.ReadLineAsync() is { } line && !line.Contains("Re-encrypted 1 SSNs", StringComparison.Ordinal))
            {
            }
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var midway = await ScalarAsync<long>(db, "SELECT count(*) FROM customers WHERE ssn_hash LIKE 'h2:%'");
        Assert.InRange(midway, 1, original.Count - 1);
        Assert.Equal(original, await SsnsAsync(db, keyFile)); // mixed versions, every row readable

        var resumed = await app.RunAsync(Timeout, "keys", "reencrypt", "--batch-size", "500");
        Assert.True(resumed.ExitCode == 0, resumed.StdErr);
        Assert.Contains("0 remaining", resumed.StdOut, StringComparison.Ordinal);
        Assert.Equal(original, await SsnsAsync(db, keyFile));
        Assert.Equal((long)original.Count, await ScalarAsync<long>(db, "SELECT count(*) FROM customers WHERE ssn_hash LIKE 'h2:%' AND substring(ssn_encrypted from 1 for 5) = '\\x0100000002'::bytea"));
        Assert.Equal((long)original.Count, await ScalarAsync<long>(db, "SELECT count(DISTINCT ssn_hash) FROM customers"));
    }

    private static AssistantProcess NewApp(string db)
    {
        var app = new AssistantProcess();
        app.Environment["ConnectionStrings__Banking"] = db;
        app.Environment["KeyRing__KeyFile"] = Path.Combine(app.WorkingDirectory, "keys.json");
        app.Environment["Database__MigrateOnStart"] = "true";
        return app;
    }

    /// <summary>Every customer's SSN, decrypted with the key file as a fresh process would read it.</summary>
    private static async Task<Dictionary<Guid, string>> SsnsAsync(string db, string keyFile)
    {
        var keys = new KeyRingProvider(Options.Create(new KeyRingOptions { KeyFile = keyFile }), TimeProvider.System);
        var protector = new SsnProtector(new FieldEncryptor(keys), keys);
        var result = new Dictionary<Guid, string>();
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT customer_id, ssn_encrypted FROM customers", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetGuid(0);
            result[id] = protector.Decrypt(id, (byte[])reader[1]);
        }
        return result;
    }

    private static Task<T> ScalarAsync<T>(string cs, string sql) => CliTests.ScalarAsync<T>(cs, sql);
}
