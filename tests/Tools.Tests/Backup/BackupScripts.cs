using System.Diagnostics;

namespace BankingLlm.Tools.Tests.Backup;

public sealed record ScriptResult(int ExitCode, string Output);

/// <summary>
/// Runs the project's ops/backup scripts with one cluster's settings, and pgBackRest itself through their lib.sh, so
/// it runs as the cluster's OS user the same way the scripts run it (runuser when root).
/// </summary>
public sealed class BackupScripts(IReadOnlyDictionary<string, string> settings)
{
    public static string Folder { get; } = FindFolder();

    public IReadOnlyDictionary<string, string> Settings => settings;

    public Task<ScriptResult> SetupAsync(IReadOnlyDictionary<string, string?>? overrides = null) =>
        RunAsync([Path.Combine(Folder, "setup.sh")], overrides);

    public Task<ScriptResult> RestoreAsync(string[] args, IReadOnlyDictionary<string, string?>? overrides = null) =>
        RunAsync([Path.Combine(Folder, "restore.sh"), .. args], overrides);

    /// <summary>pgbackrest --config-path=… --stanza=… ARGS, as the OS user that owns the cluster folder.</summary>
    public Task<ScriptResult> PgBackRestAsync(params string[] args) =>
        RunAsync(["-c", $"source '{Path.Combine(Folder, "lib.sh")}' && resolve_os_user \"$(dirname \"$BACKUP_PG_DATA\")\" && pgbr \"$@\"", "pgbr", .. args], null);

    private async Task<ScriptResult> RunAsync(string[] args, IReadOnlyDictionary<string, string?>? overrides)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in settings)
        {
            psi.Environment[key] = value;
        }
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                psi.Environment.Remove(key);
            }
            else
            {
                psi.Environment[key] = value;
            }
        }
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ScriptResult(process.ExitCode, (await stdout) + (await stderr));
    }

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "ops", "backup");
            if (File.Exists(Path.Combine(candidate, "setup.sh")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"ops/backup/setup.sh not found above {AppContext.BaseDirectory}.");
    }
}
