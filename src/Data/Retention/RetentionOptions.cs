using System.ComponentModel.DataAnnotations;

namespace BankingLlm.Data.Retention;

/// <summary>
/// The seed's retention table (docs/retention.md) and how the scheduled job runs it. Periods are the seed's
/// defaults; a bank may lengthen them, never disable audit_logs or compliance_events retention (those are never
/// deleted by the application).
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Run the job on a schedule inside `serve`. The `retention run` verb works either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between scheduled runs.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Wait after start before the first scheduled run, so a restart does not compete with start-up work.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows per transaction. Each batch commits on its own, so a stopped run loses nothing.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>chat_sessions (with their messages, vault and pending actions) inactive longer than this are archived.</summary>
    [Range(1, 36_500)]
    public int ChatSessionDays { get; set; } = 90;

    /// <summary>pii_detection_results older than this are hard-deleted.</summary>
    [Range(1, 36_500)]
    public int PiiDetectionDays { get; set; } = 365;

    /// <summary>transactions initiated longer ago than this are archived.</summary>
    [Range(1, 100)]
    public int TransactionYears { get; set; } = 7;

    /// <summary>accounts closed longer ago than this are archived.</summary>
    [Range(1, 100)]
    public int ClosedAccountYears { get; set; } = 7;
}
