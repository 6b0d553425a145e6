namespace BankingLlm.Data.Entities;

/// <summary>
/// Extension table <c>pending_actions</c>: a prepared money movement awaiting the customer's confirmation.
/// Its id is the idempotency key of the posting: an action executes at most once.
/// </summary>
public sealed class PendingAction
{
    public Guid ActionId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid? SessionId { get; set; }
    /// <summary>internal_transfer | external_transfer | fraud_report_suspend ...</summary>
    public required string Kind { get; set; }
    public PendingActionStatus Status { get; set; }
    public Guid FromAccountId { get; set; }
    public Guid? ToAccountId { get; set; }
    public decimal Amount { get; set; }
    public string? CurrencyCode { get; set; }
    /// <summary>Everything else the action needs (beneficiary, memo), masked where it holds PII.</summary>
    public string? Payload { get; set; }
    /// <summary>The summary the customer was asked to confirm.</summary>
    public required string Summary { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    /// <summary>The debit transaction of the executed posting.</summary>
    public Guid? ResultTransactionId { get; set; }
    public string? FailureReason { get; set; }
}
