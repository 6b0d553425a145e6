namespace BankingLlm.Data.Entities;

/// <summary>A deposit, card, loan or investment account (seed table <c>accounts</c>). Money is decimal(15,2).</summary>
public sealed class Account
{
    public Guid AccountId { get; set; }
    public Guid CustomerId { get; set; }

    public required string AccountNumber { get; set; }
    public AccountType AccountType { get; set; }
    public string? AccountSubtype { get; set; }

    public decimal Balance { get; set; }
    public decimal AvailableBalance { get; set; }
    public decimal PendingBalance { get; set; }
    public decimal? CreditLimit { get; set; }

    public decimal? InterestRate { get; set; }
    public decimal? AnnualPercentageRate { get; set; }
    public decimal? MinimumBalance { get; set; }
    public bool? OverdraftProtection { get; set; }

    public Guid PrimaryOwner { get; set; }
    public Guid? SecondaryOwner { get; set; }
    public OwnershipType? OwnershipType { get; set; }

    public AccountStatus? Status { get; set; }

    public DateOnly OpenedDate { get; set; }
    public DateOnly? ClosedDate { get; set; }
    public DateTime? CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }

    /// <summary>Extension: the name a customer gives the account ("Everyday").</summary>
    public string? Nickname { get; set; }

    public Customer? Customer { get; set; }
}
