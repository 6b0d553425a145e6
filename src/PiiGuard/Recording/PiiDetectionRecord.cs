namespace BankingLlm.PiiGuard.Recording;

/// <summary>
/// One detection as the host records it (a pii_detection_results row). It never carries the value: only its keyed
/// hash, and context in which this and every other detected value are already masked.
/// </summary>
public sealed record PiiDetectionRecord
{
    public required string SessionId { get; init; }

    public required PiiType Type { get; init; }

    /// <summary>HMAC-SHA-256 (hex) of the canonical value under the host's hash key.</summary>
    public required string ValueHash { get; init; }

    public required double Confidence { get; init; }

    public required PiiAction Action { get; init; }

    /// <summary>Up to <see cref="PiiGuardOptions.ContextCharacters"/> (at most 500) masked characters before the value.</summary>
    public required string ContextBefore { get; init; }

    /// <summary>Up to <see cref="PiiGuardOptions.ContextCharacters"/> (at most 500) masked characters after the value.</summary>
    public required string ContextAfter { get; init; }

    /// <summary>What the text was, e.g. "chat_message" or "model_output".</summary>
    public required string SourceType { get; init; }

    public string? SourceId { get; init; }

    public required string Recognizer { get; init; }

    public required string Explanation { get; init; }

    /// <summary>The placeholder that replaced the value, when it was replaced.</summary>
    public string? Placeholder { get; init; }

    /// <summary>Offset and length in the original text.</summary>
    public required int Start { get; init; }

    public required int Length { get; init; }

    public required DateTimeOffset DetectedAt { get; init; }
}
