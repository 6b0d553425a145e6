namespace BankingLlm.Assistant.Tests.Telemetry;

/// <summary>The seed's alerts as Prometheus rules: valid for promtool, and each alert proven at its boundary.</summary>
public sealed class AlertRulesTests
{
    [Fact]
    public void The_rules_file_passes_promtool_check()
    {
        var (exit, output) = AlertRules.Promtool("check", "rules", AlertRules.RulesFile);
        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_alert_fires_above_and_stays_silent_at_its_boundary()
    {
        var (exit, output) = AlertRules.Promtool("test", "rules", "bankingllm-rules.test.yml", "bankingllm-volume.test.yml");
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void The_three_seed_alerts_are_there_with_their_severities()
    {
        var text = File.ReadAllText(Path.Combine(AlertRules.Directory(), AlertRules.RulesFile));
        Assert.Matches(@"alert: DatabaseConnectionPoolLow\s+#[^\n]*\n\s+expr: bankingllm:db_pool_available_connections < 2\s+for: 1m\s+labels:\s+severity: critical", text);
        Assert.Matches(@"alert: SlowQuery[\s\S]*?le=""5""[\s\S]*?severity: high", text);
        Assert.Matches(@"alert: TransactionVolumeSpike[\s\S]*?> 3 \* avg_over_time[\s\S]*?severity: medium", text);
    }

    [Fact]
    public void Metric_names_are_read_from_expressions_without_functions_labels_or_keywords()
    {
        var names = AlertRules.MetricNames(
            "sum by (instance, le) (rate(db_client_operation_duration_seconds_bucket{le=\"5\", pool=\"a b\"}[5m])) - on (instance) x:y:z > 3 * avg_over_time(foo_total[7d] offset 1h) and bool 1e-9");
        Assert.Equal(["db_client_operation_duration_seconds_bucket", "foo_total", "x:y:z"], names.Order(StringComparer.Ordinal));
    }
}
