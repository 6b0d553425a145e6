using Microsoft.Extensions.Logging;

namespace BankingLlm.PiiGuard;

/// <summary>Log events of the PII guard. Counts, types and ids only: never a value, a message body or a key.</summary>
internal static partial class PiiGuardLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "PII analysis of a {Channel} text of {Length} chars: {Count} detections ({Types}), {Flagged} flagged, {Allowed} allowed")]
    public static partial void Analyzed(ILogger logger, PiiChannel channel, int length, int count, string types, int flagged, int allowed);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "PII recognizer {Recognizer} timed out on a text of {Length} chars")]
    public static partial void RecognizerTimedOut(ILogger logger, string recognizer, int length);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "PII guard processed message {SourceType}/{SourceId} of session {SessionId}: {Count} masked ({Types}), {Dropped} security codes dropped")]
    public static partial void MessageProcessed(ILogger logger, string sourceType, string? sourceId, string sessionId, int count, string types, int dropped);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Debug, Message = "PII vault of session {SessionId} loaded with {Count} entries")]
    public static partial void VaultLoaded(ILogger logger, string sessionId, int count);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Debug, Message = "PII vault of session {SessionId} saved with {Count} entries")]
    public static partial void VaultSaved(ILogger logger, string sessionId, int count);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "PII output guard masked {Count} values ({Types}) in model output")]
    public static partial void OutputMasked(ILogger logger, int count, string types);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Error, Message = "PII detection sink failed for {SourceType}/{SourceId} ({Count} records)")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string sourceType, string? sourceId, int count);
}
