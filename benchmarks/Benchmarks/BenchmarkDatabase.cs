using BankingLlm.Data.Postgres;

namespace BankingLlm.Benchmarks;

/// <summary>
/// The benchmark database: ConnectionStrings__Banking, or else a private cluster (stopped on dispose if started here):
/// the one in LocalPostgres__DataDirectory for the latency runners (OpenAsync), a throwaway one for the hosts that
/// migrate and seed their own (OpenTemporaryAsync).
/// </summary>
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly LocalPostgres? _cluster;

    private BenchmarkDatabase(string connectionString, LocalPostgres? cluster)
    {
        ConnectionString = connectionString;
        _cluster = cluster;
    }

    public string ConnectionString { get; }

    public static async Task<BenchmarkDatabase> OpenAsync()
    {
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__Banking");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new BenchmarkDatabase(configured, null);
        }
        var dir = Environment.GetEnvironmentVariable("LocalPostgres__DataDirectory") ?? ".data/postgres";
        var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions { DataDirectory = dir }, Directory.GetCurrentDirectory());
        return new BenchmarkDatabase(cluster.ConnectionString, cluster);
    }

    public static async Task<BenchmarkDatabase> OpenTemporaryAsync()
    {
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__Banking");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new BenchmarkDatabase(configured, null);
        }
        var cluster = await LocalPostgres.StartTemporaryAsync();
        return new BenchmarkDatabase(cluster.ConnectionString, cluster);
    }

    /// <summary>The p-th percentile of sorted samples (nearest rank).</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
