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
}
