namespace BankingLlm.PiiGuard.Recording;

/// <summary>What was done with a detection (pii_detection_results.action_taken).</summary>
public enum PiiAction
{
    /// <summary>Replaced by a placeholder; the value was not kept (types in NeverStoreTypes, e.g. cards).</summary>
    Masked,

    /// <summary>Replaced by a placeholder; the value is kept only in the session's encrypted vault.</summary>
    Encrypted,

    /// <summary>Below the type's threshold: left in the text, recorded for review.</summary>
    Flagged,

    /// <summary>On the allow list: left in the text.</summary>
    Allowed,

    /// <summary>The message was refused (set by the host, e.g. when the guard failed closed).</summary>
    Rejected,
}

public static class PiiActionNames
{
    public static string ToWireName(this PiiAction action) => action switch
    {
        PiiAction.Masked => "masked",
        PiiAction.Encrypted => "encrypted",
        PiiAction.Flagged => "flagged",
        PiiAction.Allowed => "allowed",
        PiiAction.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown action."),
    };
}
