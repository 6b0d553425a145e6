using BankingLlm.Data.Entities;

namespace BankingLlm.Tools.Accounts;

/// <summary>An account as the model sees it: last four only.</summary>
public sealed record AccountSummary(
    string Account, string Type, string? Nickname, string LastFour, string Status, decimal Balance, decimal AvailableBalance, string Currency)
{
    public static AccountSummary From(Account a) => new(
        AccountResolver.Display(a), AccountResolver.TypeName(a.AccountType), a.Nickname, AccountResolver.LastFour(a.AccountNumber),
        (a.Status ?? AccountStatus.Active).ToString().ToLowerInvariant(), a.Balance, a.AvailableBalance, "USD");
}

public sealed record AccountList(IReadOnlyList<AccountSummary> Accounts);

public sealed record AccountBalance(string Account, decimal Balance, decimal AvailableBalance, decimal PendingBalance, decimal? CreditLimit, string Currency);

public sealed record AccountDetails(
    string Account, string Type, string? Subtype, string Status, decimal? InterestRatePercent, decimal? AprPercent, decimal? CreditLimit,
    decimal? MinimumBalance, bool OverdraftProtection, DateOnly OpenedDate, DateOnly? ClosedDate, string Ownership, bool YouArePrimaryOwner);
