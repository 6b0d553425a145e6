namespace BankingLlm.Tools.Transfers;

/// <summary>
/// A prepared money movement, as returned by transfers.prepare_transfer / prepare_external_transfer. Status
/// <c>awaiting_confirmation</c>: show <see cref="Summary"/> to the customer and call transfers.confirm_transfer with
/// <see cref="ActionId"/> only after the customer confirms in a later message. Status <c>needs_review</c>: nothing to
/// confirm; relay <see cref="Message"/> as it is.
/// </summary>
public sealed record PendingActionView(
    Guid ActionId,
    string Kind,
    string Status,
    string Summary,
    decimal Amount,
    string Currency,
    string From,
    string To,
    DateTime ExpiresAt,
    bool RequiresConfirmation,
    string Message);

/// <summary>The outcome of transfers.confirm_transfer. <see cref="AlreadyExecuted"/>: an earlier confirm posted it; nothing was posted now.</summary>
public sealed record TransferReceipt(
    Guid ActionId,
    string Status,
    string Summary,
    Guid TransactionId,
    string Reference,
    decimal Amount,
    string From,
    string To,
    decimal FromAvailableBalance,
    DateTime ExecutedAt,
    bool AlreadyExecuted,
    string Message);

/// <summary>The outcome of transfers.cancel_transfer.</summary>
public sealed record CancellationResult(Guid ActionId, string Status, string Message);
