using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BankingLlm.Tools;

/// <summary>
/// The tools' activity source and meter ("BankingLlm.Tools"): one activity per tool invocation and counters of
/// invocations by tool and outcome, executed postings and compliance events by rule. Tags carry names and outcomes,
/// never customer data.
/// </summary>
public sealed class ToolsTelemetry : IDisposable
{
    public const string Name = "BankingLlm.Tools";

    private readonly Meter _meter;
    private readonly Counter<long> _invocations;
    private readonly Counter<long> _postings;
    private readonly Counter<long> _events;
    private readonly Counter<long> _transactions;

    public ToolsTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(Name);
        _invocations = _meter.CreateCounter<long>("bankingllm.tools.invocations", description: "Tool invocations by tool and outcome.");
        _postings = _meter.CreateCounter<long>("bankingllm.tools.postings", description: "Money movements executed, by kind.");
        _events = _meter.CreateCounter<long>("bankingllm.tools.compliance_events", description: "Compliance events raised, by rule.");
        _transactions = _meter.CreateCounter<long>("bankingllm.transactions.created", "{transaction}", "Transaction rows written (transaction volume), by transaction type.");
    }

    public static ActivitySource Source { get; } = new(Name);

    public static Activity? StartInvocation(string tool) => Source.StartActivity($"tool {tool}", ActivityKind.Internal)?.SetTag("bankingllm.tool", tool);

    public void Invoked(string tool, string outcome) =>
        _invocations.Add(1, new KeyValuePair<string, object?>("tool", tool), new KeyValuePair<string, object?>("outcome", outcome));

    public void Posted(string kind) => _postings.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Transaction rows committed, counted by their transaction_type.</summary>
    public void TransactionsCreated(IEnumerable<BankingLlm.Data.Entities.Transaction> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var type in rows.GroupBy(r => r.TransactionType))
        {
            _transactions.Add(type.Count(), new KeyValuePair<string, object?>("type", type.Key.ToString().ToLowerInvariant()));
        }
    }

    public void ComplianceEvent(string rule) => _events.Add(1, new KeyValuePair<string, object?>("rule", rule));

    public void Dispose() => _meter.Dispose();
}
