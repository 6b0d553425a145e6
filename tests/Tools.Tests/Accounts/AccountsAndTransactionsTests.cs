using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Tools.Accounts;
using BankingLlm.Tools.Compliance;
using BankingLlm.Tools.Tests.Support;
using BankingLlm.Tools.Transactions;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Tools.Tests.Accounts;

public sealed class AccountsAndTransactionsTests(ToolsFixture f) : IClassFixture<ToolsFixture>
{
    private async Task<(Guid Customer, Account Checking)> CustomerWithHistoryAsync(int rows)
    {
        var c = await f.CustomerAsync();
        var checking = (await f.AccountsAsync(c.CustomerId)).Single(a => a.AccountType == AccountType.Checking);
        await using var db = await f.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        var at = ToolsFixture.Start.UtcDateTime;
        for (var i = 0; i < rows; i++)
        {
            db.Transactions.Add(new Transaction
            {
                TransactionId = Guid.CreateVersion7(),
                AccountId = checking.AccountId,
                TransactionType = TransactionType.Debit,
                Amount = 10m + i,
                Status = TransactionStatus.Completed,
                // Pairs share a timestamp so the cursor must break ties by id.
                InitiatedAt = at.AddHours(-(i / 2)),
                MerchantName = i % 3 == 0 ? "Blue Bottle Coffee" : "Corner Grocery",
                MerchantCategoryCode = i % 3 == 0 ? "5814" : "5411",
                Description = i % 3 == 0 ? "COFFEE card 4111111111111111" : "GROCERIES",
            });
        }
        await db.SaveChangesAsync();
        return (c.CustomerId, checking);
    }

    [Fact]
    public async Task List_accounts_shows_last_four_only()
    {
        var c = await f.CustomerAsync();
        var list = Assert.IsType<AccountList>(await f.CallAsync(c.CustomerId, "accounts", "list_accounts"));
        Assert.Equal(2, list.Accounts.Count);
        var numbers = (await f.AccountsAsync(c.CustomerId)).Select(a => a.AccountNumber).ToList();
        var json = System.Text.Json.JsonSerializer.Serialize(list);
        Assert.All(numbers, n => Assert.DoesNotContain(n, json, StringComparison.Ordinal));
        Assert.All(numbers, n => Assert.Contains(n[^4..], json, StringComparison.Ordinal));
        var balance = Assert.IsType<AccountBalance>(await f.CallAsync(c.CustomerId, "accounts", "get_balance", new() { ["account"] = "Everyday" }));
        Assert.Equal(1000m, balance.AvailableBalance);
        var details = Assert.IsType<AccountDetails>(await f.CallAsync(c.CustomerId, "accounts", "get_account_details", new() { ["account"] = "savings" }));
        Assert.Equal(4.250m, details.InterestRatePercent);
        Assert.True(details.YouArePrimaryOwner);
    }

    [Fact]
    public async Task Recent_transactions_page_by_keyset_without_gaps_or_repeats()
    {
        var (customer, _) = await CustomerWithHistoryAsync(25);
        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = Assert.IsType<TransactionPage>(await f.CallAsync(customer, "transactions", "get_recent_transactions",
                new() { ["account"] = "checking", ["limit"] = 7, ["cursor"] = cursor }));
            seen.AddRange(page.Transactions.Select(t => t.Id));
            Assert.True(page.Transactions.Zip(page.Transactions.Skip(1)).All(p => p.First.Date >= p.Second.Date));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);
        Assert.Equal(4, pages);
        Assert.Equal(25, seen.Count);
        Assert.Equal(25, seen.Distinct().Count());
        var bad = Assert.IsType<ToolRefusal>(await f.CallAsync(customer, "transactions", "get_recent_transactions", new() { ["cursor"] = "garbage!" }));
        Assert.Equal("invalid_cursor", bad.Code);
    }

    [Fact]
    public async Task Search_and_spending_summary_filter_and_total_debits()
    {
        var (customer, _) = await CustomerWithHistoryAsync(9);
        var coffee = Assert.IsType<TransactionPage>(await f.CallAsync(customer, "transactions", "search_transactions", new() { ["text"] = "coffee" }));
        Assert.Equal(3, coffee.Transactions.Count);
        Assert.All(coffee.Transactions, t => Assert.DoesNotContain("4111111111111111", t.Description!, StringComparison.Ordinal));
        var range = Assert.IsType<TransactionPage>(await f.CallAsync(customer, "transactions", "search_transactions", new() { ["min_amount"] = 12m, ["max_amount"] = 14m }));
        Assert.Equal(3, range.Transactions.Count);
        var summary = Assert.IsType<SpendingSummary>(await f.CallAsync(customer, "transactions", "get_spending_summary", new() { ["group_by"] = "category" }));
        Assert.Equal(Enumerable.Range(0, 9).Sum(i => 10m + i), summary.Total);
        Assert.Contains(summary.Groups, g => g.Name == "groceries" && g.Count == 6);
        var byMerchant = Assert.IsType<SpendingSummary>(await f.CallAsync(customer, "transactions", "get_spending_summary"));
        Assert.Equal("Corner Grocery", byMerchant.Groups[0].Name);
        Assert.Equal("invalid_group_by", Assert.IsType<ToolRefusal>(await f.CallAsync(customer, "transactions", "get_spending_summary", new() { ["group_by"] = "weekday" })).Code);
        Assert.Equal("invalid_date_range", Assert.IsType<ToolRefusal>(await f.CallAsync(customer, "transactions", "search_transactions", new() { ["from"] = "2026-12-01", ["to"] = "2026-01-01" })).Code);
    }

    [Fact]
    public async Task Another_customers_history_is_never_returned()
    {
        var (owner, checking) = await CustomerWithHistoryAsync(3);
        var other = await f.CustomerAsync();
        var page = Assert.IsType<TransactionPage>(await f.CallAsync(other.CustomerId, "transactions", "get_recent_transactions"));
        Assert.Empty(page.Transactions);
        var refusal = Assert.IsType<ToolRefusal>(await f.CallAsync(other.CustomerId, "transactions", "get_recent_transactions", new() { ["account"] = checking.AccountNumber }));
        Assert.Equal(Refusals.AccountNotFound, refusal.Message);
        Assert.NotEqual(owner, other.CustomerId);
    }

    [Theory]
    [InlineData(KycStatus.Approved, 0)]
    [InlineData(KycStatus.Pending, 2)]
    [InlineData(KycStatus.Rejected, 1)]
    public async Task Kyc_status_is_the_customers_own_and_says_what_is_needed(KycStatus kyc, int needed)
    {
        var c = await f.CustomerAsync(kyc, AmlStatus.Flagged);
        var status = Assert.IsType<KycStatusView>(await f.CallAsync(c.CustomerId, "compliance", "get_kyc_status"));
        Assert.Equal(kyc.ToString().ToLowerInvariant(), status.Status);
        Assert.Equal(needed, status.StillNeeded.Count);
        var json = System.Text.Json.JsonSerializer.Serialize(status);
        Assert.DoesNotContain("aml", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("flag", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Fraud_report_records_an_event_and_suspends_only_after_a_later_confirmation()
    {
        var c = await f.CustomerAsync();
        var turn = Guid.NewGuid().ToString("N");
        var receipt = Assert.IsType<FraudReportReceipt>(await f.CallAsync(c.CustomerId, "compliance", "report_fraud",
            new() { ["description"] = "My card was stolen", ["account"] = "checking" }, turn));
        Assert.NotNull(receipt.SuspendActionId);
        Assert.Equal(1, await f.DbAsync(db => db.ComplianceEvents.CountAsync(e => e.CustomerId == c.CustomerId && e.EventType == ComplianceEventType.SuspiciousActivity)));
        Assert.Equal("confirm_in_later_turn", Assert.IsType<ToolRefusal>(await f.CallAsync(c.CustomerId, "compliance", "confirm_account_suspension",
            new() { ["action_id"] = receipt.SuspendActionId!.Value.ToString() }, turn)).Code);
        Assert.IsType<SuspensionReceipt>(await f.CallAsync(c.CustomerId, "compliance", "confirm_account_suspension", new() { ["action_id"] = receipt.SuspendActionId!.Value.ToString() }));
        Assert.Equal(AccountStatus.Suspended, (await f.AccountsAsync(c.CustomerId)).Single(a => a.AccountType == AccountType.Checking).Status);
        Assert.Equal("account_not_active", Assert.IsType<ToolRefusal>(await f.CallAsync(c.CustomerId, "transfers", "prepare_transfer",
            new() { ["from_account"] = "checking", ["to_account"] = "savings", ["amount"] = 1m })).Code);
    }
}
