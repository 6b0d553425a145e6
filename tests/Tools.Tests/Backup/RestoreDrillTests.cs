using System.Diagnostics;
using System.Globalization;
using BankingLlm.Data.Entities;
using BankingLlm.Tools.Audit;
using BankingLlm.Tools.Transfers;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace BankingLlm.Tools.Tests.Backup;

/// <summary>
/// The restore drill (issue 9, seed: daily full + hourly incremental, encrypted, RPO 1 h, RTO 4 h) on a real cluster
/// and a real pgBackRest repository, through the project's ops/backup scripts and the product's tools.
/// </summary>
public sealed class RestoreDrillTests(RestoreDrillFixture f, ITestOutputHelper output) : IClassFixture<RestoreDrillFixture>
{
    private sealed record Snapshot(SortedSet<Guid> Transactions, SortedSet<Guid> AuditRows, SortedDictionary<Guid, decimal> Balances);

    private Task<Snapshot> SnapshotAsync() => f.DbAsync(async db => new Snapshot(
        new SortedSet<Guid>(await db.Transactions.Select(t => t.TransactionId).ToListAsync()),
        new SortedSet<Guid>(await db.AuditLogs.Select(a => a.LogId).ToListAsync()),
        new SortedDictionary<Guid, decimal>(await db.Accounts.ToDictionaryAsync(a => a.AccountId, a => a.Balance))));

    /// <summary>Prepare + confirm (two audited tool calls, a debit and a credit), then a balance read (one more audit row).</summary>
    private async Task<TransferReceipt> TransferAsync(Customer customer, decimal amount)
    {
        var pending = Assert.IsType<PendingActionView>(await f.CallAsync(customer.CustomerId, "transfers", "prepare_transfer",
            new() { ["from_account"] = "checking", ["to_account"] = "savings", ["amount"] = amount }));
        var receipt = Assert.IsType<TransferReceipt>(await f.CallAsync(customer.CustomerId, "transfers", "confirm_transfer", new() { ["action_id"] = pending.ActionId.ToString() }));
        await f.CallAsync(customer.CustomerId, "accounts", "get_balance", new() { ["account"] = "checking" });
        return receipt;
    }

    private async Task<List<TransferReceipt>> TransfersAsync(Customer a, Customer b, int each, decimal amount)
    {
        var receipts = new List<TransferReceipt>();
        for (var i = 0; i < each; i++)
        {
            receipts.Add(await TransferAsync(a, amount));
            receipts.Add(await TransferAsync(b, amount + 1));
        }
        return receipts;
    }

    private async Task<TimeSpan> TimedAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed;
    }

    [Fact]
    public async Task Setup_asks_for_a_restart_to_turn_on_archiving_then_creates_the_stanza_checks_it_and_writes_the_schedule()
    {
        Assert.Equal(3, f.FirstSetup.ExitCode);
        Assert.Contains("archive_mode takes effect only after a restart", f.FirstSetup.Output, StringComparison.Ordinal);
        Assert.Equal(0, f.SecondSetup.ExitCode);
        Assert.Contains("check passed", f.SecondSetup.Output, StringComparison.Ordinal);
        Assert.Contains("--repo=1 --type=full backup", f.SecondSetup.Output, StringComparison.Ordinal);
        Assert.Contains("--repo=1 --type=incr backup", f.SecondSetup.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("--repo=2", f.SecondSetup.Output, StringComparison.Ordinal);

        Assert.Equal("on", await f.ScalarAsync<string>("SHOW archive_mode"));
        Assert.Contains("archive-push %p", await f.ScalarAsync<string>("SHOW archive_command"), StringComparison.Ordinal);

        var config = await File.ReadAllTextAsync(Path.Combine(f.ConfigPath, "pgbackrest.conf"));
        var passphrase = f.Scripts.Settings["PGBACKREST_REPO1_CIPHER_PASS"];
        Assert.Contains("repo1-cipher-type=aes-256-cbc", config, StringComparison.Ordinal);
        Assert.Contains("repo1-retention-full-type=time\nrepo1-retention-full=30\n", config, StringComparison.Ordinal);
        Assert.DoesNotContain(passphrase, config, StringComparison.Ordinal);
        var secrets = Path.Combine(f.ConfigPath, "conf.d", "secrets.conf");
        Assert.Contains($"repo1-cipher-pass={passphrase}", await File.ReadAllTextAsync(secrets), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secrets));

        var schedule = Directory.GetFiles(f.ScheduleDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["bankingllm-backup-full.service", "bankingllm-backup-full.timer", "bankingllm-backup-incr.service", "bankingllm-backup-incr.timer",
             "bankingllm-backup-verify.service", "bankingllm-backup-verify.timer", "bankingllm-backup.cron"],
            schedule);
        foreach (var file in Directory.GetFiles(f.ScheduleDirectory))
        {
            Assert.DoesNotContain("@", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }

        // Idempotent: a third run changes nothing and passes.
        var third = await f.Scripts.SetupAsync();
        Assert.True(third.ExitCode == 0, third.Output);
        Assert.Contains("unchanged", third.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("backup: set ", third.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_to_a_point_in_time_keeps_every_committed_transfer_and_audit_row_up_to_it_and_nothing_after()
    {
        var alice = await f.CustomerAsync(accounts: [(AccountType.Checking, 100_000m, "Everyday"), (AccountType.Savings, 0m, null)]);
        var bob = await f.CustomerAsync(accounts: [(AccountType.Checking, 100_000m, "Everyday"), (AccountType.Savings, 0m, null)]);
        await TransfersAsync(alice, bob, 3, 10m);

        string full = "";
        var fullTime = await TimedAsync(async () => full = await f.BackupAsync("full"));
        var betweenBackups = await TransfersAsync(alice, bob, 3, 20m);
        string incr = "";
        var incrTime = await TimedAsync(async () => incr = await f.BackupAsync("incr"));
        Assert.StartsWith(full + "_", incr, StringComparison.Ordinal);

        // pgBackRest picks the newest backup that stopped before the target, comparing whole seconds: keep the target in
        // a later second than the incremental's stop, so the restore goes through full + incremental + WAL.
        await Task.Delay(1100);
        var afterIncr = await TransfersAsync(alice, bob, 3, 30m);
        var target = await f.ScalarAsync<DateTime>("SELECT clock_timestamp()");
        var atTarget = await SnapshotAsync();

        var afterTarget = await TransfersAsync(alice, bob, 2, 40m);
        var atLoss = await SnapshotAsync();
        Assert.Equal(atTarget.Transactions.Count + (afterTarget.Count * 2), atLoss.Transactions.Count);
        await f.ArchiveCurrentWalAsync();

        // The disaster: the server stops and its data directory is gone.
        await f.StopAsync();
        Directory.Delete(f.DataDirectory, recursive: true);

        var targetText = target.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00";
        ScriptResult restore = new(-1, "");
        var restoreTime = await TimedAsync(async () => restore = await f.Scripts.RestoreAsync(["--target", targetText]));
        Assert.True(restore.ExitCode == 0, restore.Output);
        Assert.Contains($"restore backup set {incr}", restore.Output, StringComparison.Ordinal);
        var startTime = await TimedAsync(f.StartAsync);

        var restored = await SnapshotAsync();
        Assert.Equal(atTarget.Transactions, restored.Transactions);
        Assert.Equal(atTarget.AuditRows, restored.AuditRows);
        Assert.Equal(atTarget.Balances, restored.Balances);
        foreach (var receipt in betweenBackups.Concat(afterIncr))
        {
            Assert.Contains(receipt.TransactionId, restored.Transactions);
        }
        foreach (var receipt in afterTarget)
        {
            Assert.DoesNotContain(receipt.TransactionId, restored.Transactions);
        }
        Assert.Empty(atLoss.AuditRows.Except(atTarget.AuditRows).Intersect(restored.AuditRows));

        var chain = await f.Get<AuditChainVerifier>().VerifyAsync();
        Assert.True(chain.Intact, chain.Reason);
        Assert.Equal(atTarget.AuditRows.Count, chain.RowsChecked);

        // The restored cluster takes writes, and setup.sh confirms WAL archiving resumed (on the new timeline).
        var after = await TransferAsync(alice, 5m);
        Assert.Equal(PendingActionStatus.Executed, await f.DbAsync(db => db.PendingActions.Where(p => p.ActionId == after.ActionId).Select(p => p.Status).SingleAsync()));
        var again = await f.Scripts.SetupAsync();
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.True((await f.Get<AuditChainVerifier>().VerifyAsync()).Intact);

        var info = await f.Scripts.PgBackRestAsync("info");
        output.WriteLine($"full backup {fullTime.TotalSeconds:F1} s, incremental {incrTime.TotalSeconds:F1} s, restore {restoreTime.TotalSeconds:F1} s, start + recovery to the target {startTime.TotalSeconds:F1} s");
        output.WriteLine(info.Output);
    }

    [Fact]
    public async Task A_wrong_passphrase_fails_clearly_and_changes_nothing()
    {
        var wrong = new Dictionary<string, string?> { ["PGBACKREST_REPO1_CIPHER_PASS"] = "not-the-passphrase-from-the-secret-store" };
        var target = f.ScratchPath("restore-with-wrong-passphrase");

        var restore = await f.Scripts.RestoreAsync(["--latest"], new Dictionary<string, string?>(wrong) { ["BACKUP_PG_DATA"] = target });
        Assert.Equal(4, restore.ExitCode);
        Assert.Contains("repo1 of stanza 'banking' cannot be decrypted with the configured passphrase: wrong PGBACKREST_REPO1_CIPHER_PASS", restore.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));

        var secrets = Path.Combine(f.ConfigPath, "conf.d", "secrets.conf");
        var before = await File.ReadAllBytesAsync(secrets);
        var setup = await f.Scripts.SetupAsync(wrong);
        Assert.Equal(4, setup.ExitCode);
        Assert.Contains("cannot be decrypted", setup.Output, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(secrets));

        // The right passphrase still opens the repository.
        var info = await f.Scripts.PgBackRestAsync("info");
        Assert.True(info.ExitCode == 0 && !info.Output.Contains("unable to load info file", StringComparison.Ordinal), info.Output);
    }

    [Fact]
    public async Task Bad_settings_and_arguments_are_refused_with_a_clear_error_before_anything_is_written()
    {
        var emptyConfig = f.ScratchPath("config-never-written");
        var noPassphrase = await f.Scripts.SetupAsync(new Dictionary<string, string?> { ["PGBACKREST_REPO1_CIPHER_PASS"] = null, ["BACKUP_CONFIG_PATH"] = emptyConfig });
        Assert.Equal(2, noPassphrase.ExitCode);
        Assert.Contains("PGBACKREST_REPO1_CIPHER_PASS is not set", noPassphrase.Output, StringComparison.Ordinal);
        var weak = await f.Scripts.SetupAsync(new Dictionary<string, string?> { ["PGBACKREST_REPO1_CIPHER_PASS"] = "short", ["BACKUP_CONFIG_PATH"] = emptyConfig });
        Assert.Equal(2, weak.ExitCode);
        Assert.Contains("shorter than 20 characters", weak.Output, StringComparison.Ordinal);
        var notACluster = await f.Scripts.SetupAsync(new Dictionary<string, string?> { ["BACKUP_PG_DATA"] = f.ConfigPath, ["BACKUP_CONFIG_PATH"] = emptyConfig });
        Assert.Equal(2, notACluster.ExitCode);
        Assert.Contains("is not a PostgreSQL data directory", notACluster.Output, StringComparison.Ordinal);
        var badRepoType = await f.Scripts.SetupAsync(new Dictionary<string, string?> { ["BACKUP_REPO1_TYPE"] = "ftp", ["BACKUP_CONFIG_PATH"] = emptyConfig });
        Assert.Equal(2, badRepoType.ExitCode);
        Assert.Contains("BACKUP_REPO1_TYPE must be posix or s3", badRepoType.Output, StringComparison.Ordinal);
        var s3WithoutBucket = await f.Scripts.SetupAsync(new Dictionary<string, string?> { ["BACKUP_REPO1_TYPE"] = "s3", ["BACKUP_CONFIG_PATH"] = emptyConfig });
        Assert.Equal(2, s3WithoutBucket.ExitCode);
        Assert.Contains("BACKUP_REPO1_S3_BUCKET is not set", s3WithoutBucket.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(emptyConfig));

        // restore.sh never touches a live or non-empty data directory, and wants a target with a zone.
        var pgVersion = await File.ReadAllTextAsync(Path.Combine(f.DataDirectory, "PG_VERSION"));
        var overLive = await f.Scripts.RestoreAsync(["--latest"]);
        Assert.Equal(2, overLive.ExitCode);
        Assert.Contains("PostgreSQL is running from", overLive.Output, StringComparison.Ordinal);
        Assert.Equal(pgVersion, await File.ReadAllTextAsync(Path.Combine(f.DataDirectory, "PG_VERSION")));
        var nonEmpty = await f.Scripts.RestoreAsync(["--latest"], new Dictionary<string, string?> { ["BACKUP_PG_DATA"] = f.ScheduleDirectory });
        Assert.Equal(2, nonEmpty.ExitCode);
        Assert.Contains("is not empty: move it aside first", nonEmpty.Output, StringComparison.Ordinal);
        var noZone = await f.Scripts.RestoreAsync(["--target", "2026-11-25 14:30:00"]);
        Assert.Equal(2, noZone.ExitCode);
        Assert.Contains("is not a timestamp with a zone", noZone.Output, StringComparison.Ordinal);
        var both = await f.Scripts.RestoreAsync(["--latest", "--target", "2026-11-25 14:30:00+00"]);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("give exactly one of --target TIME and --latest", both.Output, StringComparison.Ordinal);
        Assert.Equal(1, await f.ScalarAsync<int>("SELECT 1"));
    }
}
