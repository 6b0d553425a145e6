using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BankingLlm.Assistant.Telemetry;

/// <summary>
/// The assistant's activity source and meter ("BankingLlm.Assistant"): a span per hub turn, per agent loop and per
/// model call; counters of turns by channel and outcome, errors by code, PII detections by type; a turn latency
/// histogram. Tags carry names, codes and outcomes from small fixed sets, never a customer id, a session id or text.
/// Tool calls are counted by <see cref="BankingLlm.Tools.ToolsTelemetry"/>.
/// </summary>
public sealed class AssistantTelemetry : IDisposable
{
    public const string Name = "BankingLlm.Assistant";

    /// <summary>Turn latency buckets (seconds): fine below 100 ms, where the hub's targets are.</summary>
    public static readonly IReadOnlyList<double> TurnBuckets = [0.005, 0.01, 0.015, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Meter _meter;
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _piiDetections;

    public AssistantTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(Name);
        _turns = _meter.CreateCounter<long>("bankingllm.turns", "{turn}", "Chat turns by channel and outcome.");
        _turnDuration = _meter.CreateHistogram("bankingllm.turn.duration", "s", "Chat turn latency, from the hub call to the stored reply, by channel and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TurnBuckets });
        _errors = _meter.CreateCounter<long>("bankingllm.errors", "{error}", "Errors returned to clients, by bracketed error code.");
        _piiDetections = _meter.CreateCounter<long>("bankingllm.pii.detections", "{detection}", "PII detections recorded, by type.");
    }

    public static ActivitySource Source { get; } = new(Name);

    /// <summary>Starts the measurement of one turn; complete it with the outcome.</summary>
    public TurnMeasurement StartTurn() => new(this, Source.StartActivity("chat turn", ActivityKind.Server));

    public static Activity? StartAgentLoop() => Source.StartActivity("agent loop");

    public static Activity? StartModelCall(string model, int round) =>
        Source.StartActivity("model call", ActivityKind.Client)?.SetTag("gen_ai.request.model", model).SetTag("bankingllm.round", round);

    public void Error(string code) => _errors.Add(1, new KeyValuePair<string, object?>("code", code));

    public void PiiDetected(string type, int count) => _piiDetections.Add(count, new KeyValuePair<string, object?>("type", type));

    internal void TurnCompleted(string channel, string outcome, double seconds)
    {
        var channelTag = new KeyValuePair<string, object?>("channel", channel);
        var outcomeTag = new KeyValuePair<string, object?>("outcome", outcome);
        _turns.Add(1, channelTag, outcomeTag);
        _turnDuration.Record(seconds, channelTag, outcomeTag);
    }

    public void Dispose() => _meter.Dispose();
}
