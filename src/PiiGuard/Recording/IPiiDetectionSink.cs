namespace BankingLlm.PiiGuard.Recording;

/// <summary>
/// Receives every detection of a processed message (implemented by the host: pii_detection_results rows linked to an
/// audit_logs row). Called once per message with all its records; an exception fails the message.
/// </summary>
public interface IPiiDetectionSink
{
    Task RecordAsync(IReadOnlyList<PiiDetectionRecord> records, CancellationToken cancellationToken = default);
}
