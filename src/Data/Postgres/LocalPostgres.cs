using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace BankingLlm.Data.Postgres;

/// <summary>
/// A private PostgreSQL cluster on loopback: initdb on first use, start on a free port, stop cleanly.
/// When this process is root the server runs as <see cref="LocalPostgresOptions.RunAsUser"/> (PostgreSQL refuses
/// root). A cluster already running in the same directory is reused, so several processes can share it; only the
/// process that started it stops it.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private const string SuperUser = "banking";
    private readonly LocalPostgresOptions _options;
    private readonly string _dir;
    private readonly string _dataDir;
    private readonly bool _ephemeral;
    private string? _bin;
    private bool _startedHere;

    private LocalPostgres(LocalPostgresOptions options, string directory, bool ephemeral)
    {
        _options = options;
        _dir = Path.GetFullPath(directory);
        _dataDir = Path.Combine(_dir, "data");
        _ephemeral = ephemeral;
    }

    /// <summary>The connection string of the application database, once started.</summary>
    public string ConnectionString { get; private set; } = "";

    public int Port { get; private set; }

    /// <summary>Starts (or reuses) the cluster in <see cref="LocalPostgresOptions.DataDirectory"/>.</summary>
    public static async Task<LocalPostgres> StartAsync(LocalPostgresOptions options, string contentRoot, CancellationToken ct = default)
    {
        var dir = Path.IsPathRooted(options.DataDirectory) ? options.DataDirectory : Path.Combine(contentRoot, options.DataDirectory);
        var pg = new LocalPostgres(options, dir, ephemeral: false);
        await pg.StartCoreAsync(fastAndUnsafe: false, ct).ConfigureAwait(false);
        return pg;
    }

    /// <summary>A throwaway cluster in a temporary directory, tuned for tests (no fsync); deleted on dispose.</summary>
    public static async Task<LocalPostgres> StartTemporaryAsync(LocalPostgresOptions? options = null, CancellationToken ct = default)
    {
        var dir = Path.Combine(Path.GetTempPath(), "bankingllm-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var pg = new LocalPostgres(options ?? new LocalPostgresOptions(), dir, ephemeral: true);
        try
        {
            await pg.StartCoreAsync(fastAndUnsafe: true, ct).ConfigureAwait(false);
        }
        catch
        {
            await pg.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return pg;
    }

    /// <summary>Connection string for another database on this cluster (tests create one per fixture).</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    public async Task StopAsync()
    {
        if (_startedHere && _bin is not null && File.Exists(Path.Combine(_dataDir, "postmaster.pid")))
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _dataDir, "-m", "fast", "-w", "stop"], CancellationToken.None, throwOnError: false).ConfigureAwait(false);
            _startedHere = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (_ephemeral)
        {
            try
            {
                Directory.Delete(_dir, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private async Task StartCoreAsync(bool fastAndUnsafe, CancellationToken ct)
    {
        _bin = PostgresBinaries.Find(_options.BinDirectory);
        var socketDirectory = ValidSocketDirectoryOrNull();
        Directory.CreateDirectory(_dir);
        var passwordFile = Path.Combine(_dir, "superuser.password");

        if (!File.Exists(Path.Combine(_dataDir, "PG_VERSION")))
        {
            await InitDbAsync(passwordFile, fastAndUnsafe, ct).ConfigureAwait(false);
        }
        if (!File.Exists(passwordFile))
        {
            throw new LocalPostgresException($"The cluster in '{_dataDir}' has no password file '{passwordFile}'. Delete '{_dir}' to start afresh (its data is lost), or set ConnectionStrings__Banking.");
        }
        var password = (await File.ReadAllTextAsync(passwordFile, ct).ConfigureAwait(false)).Trim();

        var runningPort = RunningPort();
        if (runningPort is int port && await CanConnectAsync(port, password, ct).ConfigureAwait(false))
        {
            Port = port;
        }
        else
        {
            Port = _options.Port > 0 ? _options.Port : FreeLoopbackPort();
            if (socketDirectory is not null)
            {
                await PrepareSocketDirectoryAsync(socketDirectory, ct).ConfigureAwait(false);
            }
            var log = Path.Combine(_dir, "server.log");
            string[] args =
            [
                "-D", _dataDir, "-l", log, "-w", "-t", _options.StartTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
                "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={(socketDirectory is null ? "" : $"'{socketDirectory}'")}", "start",
            ];
            var result = await RunAsync(Path.Combine(_bin, "pg_ctl"), args, ct, throwOnError: false).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(5)) : "";
                throw new LocalPostgresException($"PostgreSQL did not start from '{_dataDir}' (pg_ctl exit {result.ExitCode}). {result.Output.Trim()} {tail}".Trim());
            }
            _startedHere = true;
        }

        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Password = password,
            Database = "postgres",
            Timezone = "UTC",
        };
        await EnsureDatabaseAsync(admin.ConnectionString, _options.Database, ct).ConfigureAwait(false);
        admin.Database = _options.Database;
        ConnectionString = admin.ConnectionString;
    }

    private async Task InitDbAsync(string passwordFile, bool fastAndUnsafe, CancellationToken ct)
    {
        var runAs = RunAsUserOrNull();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var initPasswordFile = Path.Combine(_dir, "initdb.pw");
        await File.WriteAllTextAsync(initPasswordFile, password, ct).ConfigureAwait(false);
        try
        {
            if (runAs is not null)
            {
                // initdb runs as the unprivileged user: it must own the cluster folder and read the password file.
                await ChownAsync(runAs, _dir, ct).ConfigureAwait(false);
                EnsureTraversable(_dir);
            }
            string[] args =
            [
                "-D", _dataDir, "-U", SuperUser, "--pwfile", initPasswordFile, "--auth-host=scram-sha-256",
                "--auth-local=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions",
            ];
            var result = await RunAsync(Path.Combine(_bin!, "initdb"), args, ct, throwOnError: false).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new LocalPostgresException($"initdb failed for '{_dataDir}' (exit {result.ExitCode}): {result.Output.Trim()}");
            }
        }
        finally
        {
            File.Delete(initPasswordFile);
        }
        var settings = new List<string>
        {
            "listen_addresses = '127.0.0.1'",
            "timezone = 'UTC'",
            "max_connections = 200",
            "shared_buffers = 128MB",
        };
        if (fastAndUnsafe)
        {
            // Throwaway test clusters only: durability is not needed, speed is.
            settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
        }
        await File.AppendAllLinesAsync(Path.Combine(_dataDir, "postgresql.conf"), settings, ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(passwordFile, password, ct).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>The full path of <see cref="LocalPostgresOptions.SocketDirectory"/>, checked before anything is created; null: TCP only.</summary>
    private string? ValidSocketDirectoryOrNull()
    {
        var dir = _options.SocketDirectory;
        if (string.IsNullOrWhiteSpace(dir))
        {
            return null;
        }
        if (!Path.IsPathRooted(dir) || dir.Contains('\'', StringComparison.Ordinal) || dir.Contains(' ', StringComparison.Ordinal))
        {
            throw new LocalPostgresException($"LocalPostgres:SocketDirectory must be an absolute path without spaces or quotes, not '{dir}'.");
        }
        dir = Path.GetFullPath(dir).TrimEnd('/');
        // The socket file is <dir>/.s.PGSQL.<port>, and Unix socket paths hold at most 107 bytes.
        if (System.Text.Encoding.UTF8.GetByteCount(dir) + "/.s.PGSQL.65535".Length > 107)
        {
            throw new LocalPostgresException($"LocalPostgres:SocketDirectory '{dir}' is too long for a Unix socket path (at most 92 characters); choose a shorter folder.");
        }
        return dir;
    }

    /// <summary>
    /// Makes the socket folder private to the server's OS user and lets that user (only) connect through it as the
    /// superuser by peer authentication.
    /// </summary>
    private async Task PrepareSocketDirectoryAsync(string dir, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        var runAs = RunAsUserOrNull();
        if (runAs is not null)
        {
            await ChownAsync(runAs, dir, ct).ConfigureAwait(false);
            EnsureTraversable(dir);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        await EnsurePeerAccessAsync(runAs ?? Environment.UserName, ct).ConfigureAwait(false);
    }

    private async Task EnsurePeerAccessAsync(string osUser, CancellationToken ct)
    {
        const string map = "bankingllm_owner";
        var rule = $"local all {SuperUser} peer map={map}";
        var hba = Path.Combine(_dataDir, "pg_hba.conf");
        var hbaLines = await File.ReadAllLinesAsync(hba, ct).ConfigureAwait(false);
        if (!hbaLines.Contains(rule, StringComparer.Ordinal))
        {
            // First match wins: the rule goes before initdb's password rules.
            await File.WriteAllLinesAsync(hba, ["# The server's OS user, over the private socket (LocalPostgres:SocketDirectory).", rule, .. hbaLines], ct).ConfigureAwait(false);
        }
        var ident = Path.Combine(_dataDir, "pg_ident.conf");
        var identLines = (await File.ReadAllLinesAsync(ident, ct).ConfigureAwait(false)).Where(l => !l.StartsWith(map + " ", StringComparison.Ordinal));
        await File.WriteAllLinesAsync(ident, [.. identLines, $"{map} {osUser} {SuperUser}"], ct).ConfigureAwait(false);
    }

    private int? RunningPort()
    {
        var pidFile = Path.Combine(_dataDir, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }
        try
        {
            var lines = File.ReadAllLines(pidFile);
            if (lines.Length > 3 && int.TryParse(lines[0], out var pid) && int.TryParse(lines[3], out var port))
            {
                using var process = Process.GetProcessById(pid);
                return process.HasExited ? null : port;
            }
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
        }
        return null;
    }

    private static async Task<bool> CanConnectAsync(int port, string password, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = SuperUser, Password = password, Database = "postgres", Timeout = 3 };
        try
        {
            await using var conn = new NpgsqlConnection(cs.ConnectionString);
            await conn.OpenAsync(ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    private static async Task EnsureDatabaseAsync(string adminConnectionString, string database, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(adminConnectionString);
        await conn.OpenAsync(ct).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", conn);
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private string? RunAsUserOrNull()
    {
        if (OperatingSystem.IsWindows() || NativeMethods.geteuid() != 0)
        {
            return null;
        }
        // Debian's postgresql package creates 'postgres'; without it, fall back to 'nobody'.
        return UserExists(_options.RunAsUser) || !UserExists("nobody") ? _options.RunAsUser : "nobody";
    }

    private static bool UserExists(string user) =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(line => line.StartsWith(user + ":", StringComparison.Ordinal));

    private static void EnsureTraversable(string dir)
    {
        // The server user needs to pass through every parent folder of the cluster (execute bit for others).
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        for (var d = Directory.GetParent(dir); d is not null; d = d.Parent)
        {
            var mode = File.GetUnixFileMode(d.FullName);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                throw new LocalPostgresException($"The folder '{d.FullName}' is not traversable by other users, so the unprivileged PostgreSQL user cannot reach '{dir}'. Run 'chmod o+x {d.FullName}' or set LocalPostgres__DataDirectory elsewhere.");
            }
        }
    }

    private static async Task ChownAsync(string user, string dir, CancellationToken ct)
    {
        var result = await RunRawAsync("chown", ["-R", user, dir], ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new LocalPostgresException($"Could not give '{dir}' to the OS user '{user}' ({result.Output.Trim()}). PostgreSQL refuses to run as root: create that user (Debian's postgresql package does) or set LocalPostgres__RunAsUser.");
        }
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string program, string[] args, CancellationToken ct, bool throwOnError)
    {
        var runAs = RunAsUserOrNull();
        var result = runAs is null
            ? await RunRawAsync(program, args, ct).ConfigureAwait(false)
            : await RunRawAsync("runuser", ["-u", runAs, "--", program, .. args], ct).ConfigureAwait(false);
        if (throwOnError && result.ExitCode != 0)
        {
            throw new LocalPostgresException($"{Path.GetFileName(program)} failed (exit {result.ExitCode}): {result.Output.Trim()}");
        }
        return result;
    }

    private static async Task<(int ExitCode, string Output)> RunRawAsync(string program, IEnumerable<string> args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }
        // Started servers must not inherit our output pipes, or reading to the end would wait for the server.
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new LocalPostgresException($"Could not run '{program}': {ex.Message}", ex);
        }
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        return (process.ExitCode, (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false)));
    }

    /// <summary>A loopback TCP port free at the moment of the call.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
