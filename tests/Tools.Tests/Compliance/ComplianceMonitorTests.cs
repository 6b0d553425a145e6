using BankingLlm.Data.Entities;
using BankingLlm.Tools.Compliance;
using BankingLlm.Tools.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Tools.Tests.Compliance;

/// <summary>BSA boundaries, on real postings through the cash channel (the monitors run inside each posting).</summary>
public sealed class ComplianceMonitorTests(ToolsFixture f) : IClassFixture<ToolsFixture>
{
    private async Task<(Guid CustomerId, Guid AccountId)> CustomerAsync()
    {
        var c = await f.CustomerAsync(accounts: [(AccountType.Checking, 100_000m, null)]);
        return (c.CustomerId, (await f.AccountsAsync(c.CustomerId))[0].AccountId);
    }

    private Task<List<ComplianceEvent>> EventsAsync(Guid customerId, string rule) =>
        f.DbAsync(db => db.ComplianceEvents.Where(e => e.CustomerId == customerId && EF.Functions.JsonContains(e.Findings!, $$"""{"rule": "{{rule}}"}""")).ToListAsync());

    private Task PostAsync(Guid accountId, decimal amount, bool deposit = true) => f.Get<CashPostingService>().PostAsync(accountId, amount, deposit, "teller-test");

    public static TheoryData<decimal[], bool> CtrCases => new()
    {
        { [10_000.00m], false },
        { [10_000.01m], true },
        { [6_000.00m, 4_000.01m], true },
        { [6_000.00m, 4_000.00m], false },
        { [2_500m, 2_500m, 2_500m, 2_500m], false },
        { [2_500m, 2_500m, 2_500m, 2_500.01m], true },
    };

    [Theory]
    [MemberData(nameof(CtrCases))]
    public async Task Cash_deposits_over_the_threshold_in_one_business_day_raise_one_ctr(decimal[] deposits, bool expected)
    {
        var (customer, account) = await CustomerAsync();
        foreach (var amount in deposits)
        {
            await PostAsync(account, amount);
        }
        var ctr = await EventsAsync(customer, "ctr");
        Assert.Equal(expected ? 1 : 0, ctr.Count);
        if (expected)
        {
            Assert.Equal(ComplianceEventType.TransactionMonitoring, ctr[0].EventType);
            Assert.Contains("\"direction\": \"in\"", ctr[0].Findings, StringComparison.Ordinal);
            // A further deposit the same day does not raise a second CTR event for the day.
            await PostAsync(account, 500m);
            Assert.Single(await EventsAsync(customer, "ctr"));
        }
    }

    [Fact]
    public async Task Cash_on_different_business_days_is_not_aggregated()
    {
        var (customer, account) = await CustomerAsync();
        try
        {
            // 23:30 New York on the 25th and 00:30 on the 26th: different business days although 1 hour apart.
            f.Clock.Set(new DateTimeOffset(2026, 11, 26, 4, 30, 0, TimeSpan.Zero));
            await PostAsync(account, 6_000m);
            f.Clock.Set(new DateTimeOffset(2026, 11, 26, 5, 30, 0, TimeSpan.Zero));
            await PostAsync(account, 4_000.01m);
            Assert.Empty(await EventsAsync(customer, "ctr"));
        }
        finally
        {
            f.Clock.Set(ToolsFixture.Start);
        }
    }

    [Fact]
    public async Task Cash_withdrawals_are_aggregated_apart_from_deposits()
    {
        var (customer, account) = await CustomerAsync();
        await PostAsync(account, 6_000m);
        await PostAsync(account, 6_000m, deposit: false);
        Assert.Empty(await EventsAsync(customer, "ctr"));
        await PostAsync(account, 4_000.01m, deposit: false);
        var ctr = Assert.Single(await EventsAsync(customer, "ctr"));
        Assert.Contains("\"direction\": \"out\"", ctr.Findings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_deposits_of_9500_in_three_days_raise_a_structuring_event()
    {
        var (customer, account) = await CustomerAsync();
        try
        {
            await PostAsync(account, 9_500m);
            f.Clock.Advance(TimeSpan.FromDays(1));
            await PostAsync(account, 9_500m);
            Assert.Empty(await EventsAsync(customer, "structuring"));
            f.Clock.Advance(TimeSpan.FromDays(1));
            await PostAsync(account, 9_500m);
        }
        finally
        {
            f.Clock.Set(ToolsFixture.Start);
        }
        var structuring = Assert.Single(await EventsAsync(customer, "structuring"));
        Assert.Equal(ComplianceEventType.SuspiciousActivity, structuring.EventType);
        Assert.Equal(ComplianceSeverity.High, structuring.Severity);
        Assert.Empty(await EventsAsync(customer, "ctr"));
    }

    [Fact]
    public async Task Deposits_below_the_band_or_spread_beyond_the_window_are_not_structuring()
    {
        var (customer, account) = await CustomerAsync();
        try
        {
            await PostAsync(account, 7_999.99m);
            await PostAsync(account, 7_500m);
            f.Clock.Advance(TimeSpan.FromDays(1));
            await PostAsync(account, 9_500m);
            f.Clock.Advance(TimeSpan.FromDays(6));
            await PostAsync(account, 9_500m);
            f.Clock.Advance(TimeSpan.FromDays(6));
            await PostAsync(account, 9_500m);
        }
        finally
        {
            f.Clock.Set(ToolsFixture.Start);
        }
        Assert.Empty(await EventsAsync(customer, "structuring"));
    }

    [Fact]
    public async Task A_large_transfer_raises_an_unusual_amount_event_the_customer_never_sees()
    {
        var c = await f.CustomerAsync(accounts: [(AccountType.Checking, 50_000m, null), (AccountType.Savings, 0m, null)]);
        var pending = Assert.IsType<BankingLlm.Tools.Transfers.PendingActionView>(await f.CallAsync(c.CustomerId, "transfers", "prepare_transfer",
            new() { ["from_account"] = "checking", ["to_account"] = "savings", ["amount"] = 20_000m }));
        var receipt = Assert.IsType<BankingLlm.Tools.Transfers.TransferReceipt>(await f.CallAsync(c.CustomerId, "transfers", "confirm_transfer", new() { ["action_id"] = pending.ActionId.ToString() }));
        Assert.DoesNotContain("review", receipt.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(await EventsAsync(c.CustomerId, "unusual_amount"));
    }

    [Fact]
    public async Task Monitor_events_commit_with_the_posting()
    {
        var (customer, account) = await CustomerAsync();
        await PostAsync(account, 10_000.01m);
        var ctr = Assert.Single(await EventsAsync(customer, "ctr"));
        var posted = await f.DbAsync(db => db.Transactions.SingleAsync(t => t.AccountId == account && t.Amount == 10_000.01m));
        Assert.Equal(posted.TransactionId, ctr.TransactionId);
        var audit = await f.DbAsync(db => db.AuditLogs.SingleAsync(a => a.EntityId == posted.TransactionId.ToString()));
        Assert.True(audit.ComplianceRelevant);
    }
}
