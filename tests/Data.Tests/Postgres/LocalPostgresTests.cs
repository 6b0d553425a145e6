using BankingLlm.Data.Postgres;

namespace BankingLlm.Data.Tests.Postgres;

public sealed class LocalPostgresTests
{
    [Fact]
    public void Missing_binaries_give_a_message_naming_the_setting()
    {
        var ex = Assert.Throws<LocalPostgresException>(() => PostgresBinaries.Find("/nonexistent/pg/bin"));
        Assert.Contains("LocalPostgres:BinDirectory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_machine_binaries_are_found() =>
        Assert.True(File.Exists(Path.Combine(PostgresBinaries.Find(null), "initdb")));

    [Fact]
    public async Task A_cluster_starts_answers_and_a_second_start_on_the_same_directory_reuses_it()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"pg-reuse-{Guid.NewGuid():N}");
        var options = new LocalPostgresOptions { DataDirectory = dir };
        try
        {
            await using var first = await LocalPostgres.StartAsync(options, "/");
            await using var second = await LocalPostgres.StartAsync(options, "/");
            Assert.Equal(first.Port, second.Port);
            await using var conn = new Npgsql.NpgsqlConnection(second.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("SHOW TimeZone", conn);
            Assert.Equal("UTC", await cmd.ExecuteScalarAsync());
            await first.StopAsync();
            Assert.False(File.Exists(Path.Combine(dir, "data", "postmaster.pid")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("relative/sock", "must be an absolute path")]
    [InlineData("/tmp/with space", "must be an absolute path")]
    [InlineData("/tmp/a-folder-name-long-enough-that-the-socket-file-path-would-not-fit-in-sockaddr-un-which-holds-107-bytes", "too long for a Unix socket path")]
    public async Task A_bad_socket_directory_is_refused_naming_the_setting_before_anything_is_created(string socketDirectory, string reason)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"pg-socket-{Guid.NewGuid():N}");
        var ex = await Assert.ThrowsAsync<LocalPostgresException>(() => LocalPostgres.StartAsync(new LocalPostgresOptions { DataDirectory = dir, SocketDirectory = socketDirectory }, "/"));
        Assert.Contains("LocalPostgres:SocketDirectory", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public async Task With_a_socket_directory_and_port_the_server_listens_there_and_only_its_own_OS_user_connects_without_a_password()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"pg-socket-{Guid.NewGuid():N}");
        var socket = Path.Combine(Path.GetTempPath(), $"pgs-{Guid.NewGuid():N}"[..12]);
        var port = LocalPostgres.FreeLoopbackPort();
        try
        {
            await using var pg = await LocalPostgres.StartAsync(new LocalPostgresOptions { DataDirectory = dir, SocketDirectory = socket, Port = port }, "/");
            Assert.Equal(port, pg.Port);
            Assert.True(File.Exists(Path.Combine(socket, $".s.PGSQL.{port}")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(socket));

            var viaSocket = new Npgsql.NpgsqlConnectionStringBuilder(pg.ConnectionString) { Host = socket, Password = null, Pooling = false };
            await using (var conn = new Npgsql.NpgsqlConnection(viaSocket.ConnectionString))
            {
                if (Environment.UserName != "root")
                {
                    // This process is the server's own OS user: peer authentication lets it in with no password.
                    await conn.OpenAsync();
                    return;
                }
                // Root is another OS user than the server's: refused over the socket even as the right database user.
                var refused = await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => conn.OpenAsync());
                Assert.Contains("authentication failed", refused.Message, StringComparison.Ordinal);
            }

            // The server's OS user connects with no password, as pgBackRest does.
            var psql = Path.Combine(PostgresBinaries.Find(null), "psql");
            var psi = new System.Diagnostics.ProcessStartInfo("runuser", ["-u", "postgres", "--", psql, "-X", "-At", "-h", socket, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "banking", "-d", "postgres", "-c", "SELECT current_user"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = System.Diagnostics.Process.Start(psi)!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, output);
            Assert.Equal("banking", output.Trim());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
            if (Directory.Exists(socket))
            {
                Directory.Delete(socket, recursive: true);
            }
        }
    }
}
