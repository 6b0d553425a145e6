using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BankingLlm.Assistant.Telemetry;

/// <summary>
/// Data growth for the seed's monitoring: each application table's live-row estimate and total size (with indexes
/// and TOAST), read from PostgreSQL's statistics views every Telemetry:TableStatsIntervalSeconds and reported by two
/// observable gauges from the last reading, so a scrape never queries the database. Labels: schema and table name.
/// </summary>
public sealed partial class TableGrowthSampler : BackgroundService
{
    private const string Query = """
        SELECT s.schemaname, s.relname, s.n_live_tup, pg_total_relation_size(s.relid)
        FROM pg_stat_user_tables s
        ORDER BY s.schemaname, s.relname
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeSpan _interval;
    private readonly ILogger<TableGrowthSampler> _logger;
    private readonly Meter _meter;
    private volatile IReadOnlyList<TableStats> _last = [];

    public TableGrowthSampler(NpgsqlDataSource dataSource, IMeterFactory meters, IOptions<TelemetryOptions> options, ILogger<TableGrowthSampler> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _logger = logger;
        _interval = TimeSpan.FromSeconds(options.Value.TableStatsIntervalSeconds);
        _meter = meters.Create(AssistantTelemetry.Name + ".Database");
        _meter.CreateObservableGauge("bankingllm.db.table.rows", () => Measure(t => t.Rows), "{row}", "Estimated live rows per table (pg_stat_user_tables.n_live_tup).");
        _meter.CreateObservableGauge("bankingllm.db.table.size", () => Measure(t => t.Bytes), "By", "Total size per table, indexes and TOAST included.");
    }

    /// <summary>The last reading (empty until the first one).</summary>
    public IReadOnlyList<TableStats> Last => _last;

    public async Task SampleAsync(CancellationToken ct)
    {
        var stats = new List<TableStats>();
        await using var command = _dataSource.CreateCommand(Query);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            stats.Add(new TableStats(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
        }
        _last = stats;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            try
            {
                await SampleAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The gauges keep the last reading; the database health check reports the outage.
                SampleFailed(_logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    private IEnumerable<Measurement<long>> Measure(Func<TableStats, long> value) =>
        _last.Select(t => new Measurement<long>(value(t), new KeyValuePair<string, object?>("schema", t.Schema), new KeyValuePair<string, object?>("table", t.Table)));

    [LoggerMessage(EventId = 4900, Level = LogLevel.Warning, Message = "Table statistics sample failed ({ErrorType}); the data growth gauges keep the last reading")]
    private static partial void SampleFailed(ILogger logger, string errorType);

    public sealed record TableStats(string Schema, string Table, long Rows, long Bytes);
}
