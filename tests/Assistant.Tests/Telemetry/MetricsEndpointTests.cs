using BankingLlm.Assistant.Hubs;
using BankingLlm.Assistant.Tests.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace BankingLlm.Assistant.Tests.Telemetry;

/// <summary>
/// The Prometheus endpoint of the running app after real turns: turn, tool, PII-by-type, error, transaction, pool,
/// query-time and table-growth metrics are there, no customer data is, and the alert rules use only exported names.
/// </summary>
public sealed class MetricsEndpointTests(HubFixture app) : IClassFixture<HubFixture>
{
    private static async Task<ChatChunk> FinalAsync(IAsyncEnumerable<ChatChunk> stream)
    {
        ChatChunk? final = null;
        await foreach (var chunk in stream)
        {
            final = chunk;
        }
        return final ?? throw new InvalidOperationException("no final chunk");
    }

    private async Task<(Guid Customer, string Scrape)> RunConversationAndScrapeAsync()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        await using var hub = app.Connect(app.TokenFor(customer));
        await hub.StartAsync();
        var session = await hub.InvokeAsync<StartSessionResponse>("StartSession", new StartSessionRequest("web", "test", "en"));
        await FinalAsync(hub.StreamAsync<ChatChunk>("SendMessage", session.SessionId, "what's my checking balance?"));
        await FinalAsync(hub.StreamAsync<ChatChunk>("SendMessage", session.SessionId, "my email is jane.roe@example.com and my phone is 415-555-0134"));
        var prepare = await FinalAsync(hub.StreamAsync<ChatChunk>("SendMessage", session.SessionId, "move 25 from checking to savings"));
        await FinalAsync(hub.StreamAsync<ChatChunk>("ConfirmAction", session.SessionId, prepare.PendingAction!.ActionId));
        await Assert.ThrowsAsync<HubException>(() => FinalAsync(hub.StreamAsync<ChatChunk>("SendMessage", session.SessionId, new string('x', 5000))));
        return (customer, await ScrapeAsync());
    }

    private async Task<string> ScrapeAsync()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task After_real_turns_the_scrape_has_turn_tool_pii_error_transaction_pool_query_and_table_metrics()
    {
        var (_, scrape) = await RunConversationAndScrapeAsync();
        var samples = PrometheusText.Parse(scrape);

        Assert.Contains(samples, s => s.Name == "bankingllm_turns_total" && s.Labels.GetValueOrDefault("channel") == "web" && s.Labels.GetValueOrDefault("outcome") == "replied" && s.Value >= 4);
        Assert.Contains(samples, s => s.Name == "bankingllm_turn_duration_seconds_count" && s.Labels.GetValueOrDefault("channel") == "web" && s.Value >= 4);
        Assert.Contains(samples, s => s.Name == "bankingllm_turn_duration_seconds_bucket" && s.Labels.GetValueOrDefault("le") == "0.015");
        Assert.Contains(samples, s => s.Name == "bankingllm_tools_invocations_total" && s.Labels.GetValueOrDefault("tool") == "accounts.get_balance" && s.Labels.GetValueOrDefault("outcome") == "ok");
        Assert.Contains(samples, s => s.Name == "bankingllm_tools_invocations_total" && s.Labels.GetValueOrDefault("tool") == "transfers.confirm_transfer");
        Assert.Contains(samples, s => s.Name == "bankingllm_pii_detections_total" && s.Labels.GetValueOrDefault("type") == "email" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "bankingllm_pii_detections_total" && s.Labels.GetValueOrDefault("type") == "phone" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "bankingllm_errors_total" && s.Labels.GetValueOrDefault("code") == "message_too_large" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "bankingllm_transactions_created_total" && s.Labels.GetValueOrDefault("type") == "transfer" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "bankingllm_transactions_created_total" && s.Labels.GetValueOrDefault("type") == "credit" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "db_client_connection_max" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "db_client_connection_count" && s.Labels.GetValueOrDefault("db_client_connection_state") == "used");
        Assert.Contains(samples, s => s.Name == "db_client_operation_duration_seconds_bucket" && s.Labels.GetValueOrDefault("le") == "5");
        Assert.Contains(samples, s => s.Name == "bankingllm_db_table_rows" && s.Labels.GetValueOrDefault("table") == "transactions");
        Assert.Contains(samples, s => s.Name == "bankingllm_db_table_size_bytes" && s.Labels.GetValueOrDefault("table") == "transactions" && s.Value > 0);
    }

    [Fact]
    public async Task The_scrape_holds_no_customer_data_and_every_metric_the_alert_rules_read()
    {
        var (customer, scrape) = await RunConversationAndScrapeAsync();
        Assert.DoesNotContain(customer.ToString(), scrape, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("jane.roe", scrape, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("555-0134", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", scrape, StringComparison.OrdinalIgnoreCase);

        var exported = PrometheusText.Parse(scrape).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var (expressions, recorded) = AlertRules.Load(Path.Combine(AlertRules.Directory(), AlertRules.RulesFile));
        var read = expressions.SelectMany(AlertRules.MetricNames).Except(recorded).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(read);
        Assert.Empty(read.Except(exported));

        // The Grafana dashboard reads the same names, or series the rules record.
        var dashboard = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AlertRules.Directory(), "..", "grafana", "bankingllm-dashboard.json")))!;
        var panelExpressions = dashboard["panels"]!.AsArray().SelectMany(p => p!["targets"]?.AsArray() ?? []).Select(t => (string)t!["expr"]!).ToList();
        Assert.NotEmpty(panelExpressions);
        Assert.Empty(panelExpressions.SelectMany(AlertRules.MetricNames).Except(recorded).Except(exported));
    }
}
