namespace BankingLlm.Data.Entities;

/// <summary>One posting on one account (seed table <c>transactions</c>). A transfer is two rows naming each other.</summary>
public sealed class Transaction
{
    public Guid TransactionId { get; set; }
    public Guid AccountId { get; set; }

    public TransactionType TransactionType { get; set; }
    public decimal Amount { get; set; }
    public string? CurrencyCode { get; set; }

    public Guid? CounterpartyAccountId { get; set; }
    public string? CounterpartyName { get; set; }
    public string? CounterpartyBankName { get; set; }

    public Guid? MerchantId { get; set; }
    public string? MerchantName { get; set; }
    public string? MerchantCategoryCode { get; set; }
    public string? MerchantLocation { get; set; }

    public TransactionStatus? Status { get; set; }
    public DateTime InitiatedAt { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public DateOnly? SettlementDate { get; set; }

    public decimal? TransactionFee { get; set; }

    public string? ReferenceNumber { get; set; }
    public string? Description { get; set; }

    public string? Tags { get; set; }
    public string? Metadata { get; set; }

    public DateTime? CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }

    public Account? Account { get; set; }
}
