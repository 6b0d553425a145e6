using System.ComponentModel;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Tools.Audit;
using BankingLlm.Tools.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;

namespace BankingLlm.Tools.Accounts;

/// <summary>Plugin <c>accounts</c>: the signed-in customer's accounts. Read only.</summary>
public sealed class AccountsPlugin(IDbContextFactory<BankingDbContext> contexts, ICustomerContext customer)
{
    public const string PluginName = "accounts";

    [KernelFunction("list_accounts"), Description("Lists the customer's accounts: type, nickname, last four digits, status, balance and available balance.")]
    public async Task<AccountList> ListAccountsAsync(CancellationToken cancellationToken = default)
    {
        var session = customer.Require();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var accounts = await AccountResolver.OwnedBy(db, session.CustomerId).AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        Describe("customer", session.CustomerId.ToString(), new { accounts = accounts.Count });
        return new AccountList(accounts.Select(AccountSummary.From).ToList());
    }

    [KernelFunction("get_balance"), Description("Gets the balance, available balance and pending balance of one of the customer's accounts.")]
    public async Task<AccountBalance> GetBalanceAsync(
        [Description("The account as the customer names it: type (\"checking\"), nickname, last four digits (\"ending 4821\") or an account-number placeholder.")] string account,
        CancellationToken cancellationToken = default)
    {
        var session = customer.Require();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var a = await AccountResolver.ResolveAsync(db, session.CustomerId, account, cancellationToken).ConfigureAwait(false);
        Describe("account", a.AccountId.ToString(), new { account = "****" + AccountResolver.LastFour(a.AccountNumber) });
        return new AccountBalance(AccountResolver.Display(a), a.Balance, a.AvailableBalance, a.PendingBalance, a.CreditLimit, "USD");
    }

    [KernelFunction("get_account_details"), Description("Gets an account's terms: interest rate, APR, credit limit, minimum balance, overdraft protection, opened date and ownership.")]
    public async Task<AccountDetails> GetAccountDetailsAsync(
        [Description("The account as the customer names it: type, nickname, last four digits or an account-number placeholder.")] string account,
        CancellationToken cancellationToken = default)
    {
        var session = customer.Require();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var a = await AccountResolver.ResolveAsync(db, session.CustomerId, account, cancellationToken).ConfigureAwait(false);
        Describe("account", a.AccountId.ToString(), new { account = "****" + AccountResolver.LastFour(a.AccountNumber) });
        return new AccountDetails(
            AccountResolver.Display(a), AccountResolver.TypeName(a.AccountType), a.AccountSubtype,
            (a.Status ?? AccountStatus.Active).ToString().ToLowerInvariant(), a.InterestRate, a.AnnualPercentageRate, a.CreditLimit,
            a.MinimumBalance, a.OverdraftProtection ?? false, a.OpenedDate, a.ClosedDate,
            (a.OwnershipType ?? OwnershipType.Individual).ToString().ToLowerInvariant(), a.PrimaryOwner == session.CustomerId);
    }

    private static void Describe(string entityType, string entityId, object values)
    {
        if (ToolInvocation.Current is { } inv)
        {
            inv.EntityType = entityType;
            inv.EntityId = entityId;
            inv.NewValues = values;
        }
    }
}
