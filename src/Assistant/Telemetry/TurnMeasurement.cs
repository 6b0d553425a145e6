using System.Diagnostics;

namespace BankingLlm.Assistant.Telemetry;

/// <summary>
/// One turn being measured: its span, its start time and, once the session is loaded, its channel. Completing it
/// records the turn counter and latency histogram and ends the span; completing twice records once.
/// </summary>
public sealed class TurnMeasurement : IDisposable
{
    private readonly AssistantTelemetry _telemetry;
    private readonly long _started = Stopwatch.GetTimestamp();
    private bool _completed;

    internal TurnMeasurement(AssistantTelemetry telemetry, Activity? activity)
    {
        _telemetry = telemetry;
        Activity = activity;
    }

    public Activity? Activity { get; }

    /// <summary>web, mobile, api or voice; "unknown" until the session is read.</summary>
    public string Channel { get; set; } = "unknown";

    public void Complete(string outcome)
    {
        if (_completed)
        {
            return;
        }
        _completed = true;
        _telemetry.TurnCompleted(Channel, outcome, Stopwatch.GetElapsedTime(_started).TotalSeconds);
        Activity?.SetTag("bankingllm.channel", Channel).SetTag("bankingllm.outcome", outcome);
        if (outcome == "error")
        {
            Activity?.SetStatus(ActivityStatusCode.Error);
        }
    }

    public void Dispose()
    {
        Complete("error");
        Activity?.Dispose();
    }
}
