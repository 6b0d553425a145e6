using BankingLlm.Data.Entities;
using BankingLlm.Tools.Tests.Support;
using BankingLlm.Tools.Transfers;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;

namespace BankingLlm.Tools.Tests.Transfers;

public sealed class TransferTests(ToolsFixture f) : IClassFixture<ToolsFixture>
{
    private static KernelArguments Transfer(string from, string to, decimal amount) => new() { ["from_account"] = from, ["to_account"] = to, ["amount"] = amount };

    private async Task<PendingActionView> PrepareAsync(Guid customerId, string from, string to, decimal amount)
    {
        var result = await f.CallAsync(customerId, "transfers", "prepare_transfer", Transfer(from, to, amount));
        return Assert.IsType<PendingActionView>(result);
    }

    private Task<object?> ConfirmAsync(Guid customerId, Guid actionId) =>
        f.CallAsync(customerId, "transfers", "confirm_transfer", new() { ["action_id"] = actionId.ToString() });

    private Task<int> AuditRowsAsync(Guid customerId) => f.DbAsync(db => db.AuditLogs.CountAsync(a => a.CustomerId == customerId));

    [Fact]
    public async Task Prepare_then_confirm_in_a_later_turn_posts_debit_and_credit_naming_each_other()
    {
        var c = await f.CustomerAsync();
        var pending = await PrepareAsync(c.CustomerId, "Everyday", "savings", 250.00m);
        Assert.Equal("awaiting_confirmation", pending.Status);
        Assert.True(pending.RequiresConfirmation);
        Assert.Contains("$250.00", pending.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("CHK", pending.Summary, StringComparison.Ordinal);

        var receipt = Assert.IsType<TransferReceipt>(await ConfirmAsync(c.CustomerId, pending.ActionId));
        Assert.False(receipt.AlreadyExecuted);
        Assert.Equal(750.00m, receipt.FromAvailableBalance);

        var accounts = await f.AccountsAsync(c.CustomerId);
        var checking = accounts.Single(a => a.AccountType == AccountType.Checking);
        var savings = accounts.Single(a => a.AccountType == AccountType.Savings);
        Assert.Equal(750.00m, checking.Balance);
        Assert.Equal(5250.00m, savings.Balance);
        var rows = await f.DbAsync(db => db.Transactions.Where(t => t.ReferenceNumber == receipt.Reference).ToListAsync());
        Assert.Equal(2, rows.Count);
        var debit = rows.Single(t => t.AccountId == checking.AccountId);
        var credit = rows.Single(t => t.AccountId == savings.AccountId);
        Assert.Equal(savings.AccountId, debit.CounterpartyAccountId);
        Assert.Equal(checking.AccountId, credit.CounterpartyAccountId);
        var action = await f.DbAsync(db => db.PendingActions.SingleAsync(p => p.ActionId == pending.ActionId));
        Assert.Equal(PendingActionStatus.Executed, action.Status);
        Assert.Equal(debit.TransactionId, action.ResultTransactionId);
        // prepare + confirm: two invocations, two audit rows.
        Assert.Equal(2, await AuditRowsAsync(c.CustomerId));
    }

    [Fact]
    public async Task Confirm_in_the_same_turn_as_prepare_is_refused()
    {
        var c = await f.CustomerAsync();
        var turn = Guid.NewGuid().ToString("N");
        var pending = Assert.IsType<PendingActionView>(await f.CallAsync(c.CustomerId, "transfers", "prepare_transfer", Transfer("checking", "savings", 10m), turn));
        var refusal = Assert.IsType<ToolRefusal>(await f.CallAsync(c.CustomerId, "transfers", "confirm_transfer", new() { ["action_id"] = pending.ActionId.ToString() }, turn));
        Assert.Equal("confirm_in_later_turn", refusal.Code);
        Assert.IsType<TransferReceipt>(await ConfirmAsync(c.CustomerId, pending.ActionId));
    }

    [Fact]
    public async Task Second_confirm_reports_the_earlier_outcome_and_posts_nothing()
    {
        var c = await f.CustomerAsync();
        var pending = await PrepareAsync(c.CustomerId, "checking", "savings", 100m);
        var first = Assert.IsType<TransferReceipt>(await ConfirmAsync(c.CustomerId, pending.ActionId));
        var second = Assert.IsType<TransferReceipt>(await ConfirmAsync(c.CustomerId, pending.ActionId));
        Assert.True(second.AlreadyExecuted);
        Assert.Equal(first.TransactionId, second.TransactionId);
        Assert.Equal(900m, (await f.AccountsAsync(c.CustomerId)).Single(a => a.AccountType == AccountType.Checking).Balance);
        Assert.Equal(3, await AuditRowsAsync(c.CustomerId));
    }

    [Fact]
    public async Task Same_action_confirmed_concurrently_posts_once()
    {
        var c = await f.CustomerAsync();
        var pending = await PrepareAsync(c.CustomerId, "checking", "savings", 100m);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => ConfirmAsync(c.CustomerId, pending.ActionId))));
        var receipts = results.Select(r => Assert.IsType<TransferReceipt>(r)).ToList();
        Assert.Single(receipts, r => !r.AlreadyExecuted);
        Assert.Single(receipts.Select(r => r.TransactionId).Distinct());
        var accounts = await f.AccountsAsync(c.CustomerId);
        Assert.Equal(900m, accounts.Single(a => a.AccountType == AccountType.Checking).Balance);
        Assert.Equal(5100m, accounts.Single(a => a.AccountType == AccountType.Savings).Balance);
        var posted = await f.DbAsync(db => db.Transactions.CountAsync(t => t.AccountId == accounts[0].AccountId || t.AccountId == accounts[1].AccountId));
        Assert.Equal(2, posted);
        Assert.Equal(1 + 8, await AuditRowsAsync(c.CustomerId));
    }

    public static TheoryData<decimal> BadAmounts => new() { 0m, -5m, 0.001m, 1_000_000.00m, 999_999.991m };

    [Theory]
    [MemberData(nameof(BadAmounts))]
    public async Task Amounts_outside_the_rules_are_refused_and_audited(decimal amount)
    {
        var c = await f.CustomerAsync();
        var refusal = Assert.IsType<ToolRefusal>(await f.CallAsync(c.CustomerId, "transfers", "prepare_transfer", Transfer("checking", "savings", amount)));
        Assert.Equal("invalid_amount", refusal.Code);
        Assert.Equal(Refusals.InvalidAmount, refusal.Message);
        var row = await f.DbAsync(db => db.AuditLogs.SingleAsync(a => a.CustomerId == c.CustomerId));
        Assert.Equal(AuditStatus.Failure, row.Status);
        Assert.Equal(Refusals.InvalidAmount, row.ErrorMessage);
        Assert.Equal(0, await f.DbAsync(db => db.PendingActions.CountAsync(p => p.CustomerId == c.CustomerId)));
    }

    [Fact]
    public async Task Largest_allowed_amount_is_accepted_up_to_the_funds()
    {
        var c = await f.CustomerAsync(accounts: [(AccountType.Checking, 999_999.99m, null), (AccountType.Savings, 0m, null)]);
        var pending = await PrepareAsync(c.CustomerId, "checking", "savings", 999_999.99m);
        Assert.IsType<TransferReceipt>(await ConfirmAsync(c.CustomerId, pending.ActionId));
    }

    [Fact]
    public async Task Confirm_without_prepare_unknown_foreign_expired_and_cancelled_ids_are_refused_alike()
    {
        var alice = await f.CustomerAsync();
        var bob = await f.CustomerAsync();
        var bobs = await PrepareAsync(bob.CustomerId, "checking", "savings", 5m);
        var expiring = await PrepareAsync(alice.CustomerId, "checking", "savings", 5m);
        var cancelled = await PrepareAsync(alice.CustomerId, "checking", "savings", 5m);
        Assert.IsType<CancellationResult>(await f.CallAsync(alice.CustomerId, "transfers", "cancel_transfer", new() { ["action_id"] = cancelled.ActionId.ToString() }));

        f.Clock.Advance(TimeSpan.FromMinutes(6));
        try
        {
            foreach (var id in new[] { Guid.NewGuid().ToString(), "not-a-guid", bobs.ActionId.ToString(), expiring.ActionId.ToString(), cancelled.ActionId.ToString() })
            {
                var refusal = Assert.IsType<ToolRefusal>(await f.CallAsync(alice.CustomerId, "transfers", "confirm_transfer", new() { ["action_id"] = id }));
                Assert.Equal(Refusals.ActionNotAvailable, refusal.Message);
            }
        }
        finally
        {
            f.Clock.Advance(TimeSpan.FromMinutes(-6));
        }
        Assert.Equal(PendingActionStatus.Expired, await f.DbAsync(db => db.PendingActions.Where(p => p.ActionId == expiring.ActionId).Select(p => p.Status).SingleAsync()));
        Assert.Equal(PendingActionStatus.Pending, await f.DbAsync(db => db.PendingActions.Where(p => p.ActionId == bobs.ActionId).Select(p => p.Status).SingleAsync()));
        // 2 prepares + 1 cancel + 5 refused confirms, each one audit row; nothing posted.
        Assert.Equal(2 + 1 + 5, await AuditRowsAsync(alice.CustomerId));
        var failures = await f.DbAsync(db => db.AuditLogs.CountAsync(a => a.CustomerId == alice.CustomerId && a.Status == AuditStatus.Failure));
        Assert.Equal(5, failures);
        Assert.Equal(1000m, (await f.AccountsAsync(alice.CustomerId)).Single(a => a.AccountType == AccountType.Checking).Balance);
    }

    [Theory]
    [InlineData(AccountStatus.Suspended)]
    [InlineData(AccountStatus.Closed)]
    public async Task Frozen_or_closed_accounts_are_refused(AccountStatus status)
    {
        var c = await f.CustomerAsync();
        var accounts = await f.AccountsAsync(c.CustomerId);
        var savings = accounts.Single(a => a.AccountType == AccountType.Savings);
        await f.DbAsync(db => db.Accounts.Where(a => a.AccountId == savings.AccountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, status)));
        var into = Assert.IsType<ToolRefusal>(await f.CallAsync(c.CustomerId, "transfers", "prepare_transfer", Transfer("checking", "savings", 10m)));
        Assert.Equal("account_not_active", into.Code);
        var outOf = Assert.IsType<ToolRefusal>(await f.CallAsync(c.CustomerId, "transfers", "prepare_transfer", Transfer("savings", "checking", 10m)));
        Assert.Equal("account_not_active", outOf.Code);
        Assert.Equal(2, await f.DbAsync(db => db.AuditLogs.CountAsync(a => a.CustomerId == c.CustomerId && a.Status == AuditStatus.Failure)));
    }

    [Fact]
    public async Task Account_frozen_between_prepare_and_confirm_fails_the_action()
    {
        var c = await f.CustomerAsync();
        var pending = await PrepareAsync(c.CustomerId, "checking", "savings", 10m);
        var checking = (await f.AccountsAsync(c.CustomerId)).Single(a => a.AccountType == AccountType.Checking);
        await f.DbAsync(db => db.Accounts.Where(a => a.AccountId == checking.AccountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AccountStatus.Suspended)));
        var refusal = Assert.IsType<ToolRefusal>(await ConfirmAsync(c.CustomerId, pending.ActionId));
        Assert.Equal("account_not_active", refusal.Code);
        Assert.Equal(PendingActionStatus.Failed, await f.DbAsync(db => db.PendingActions.Where(p => p.ActionId == pending.ActionId).Select(p => p.Status).SingleAsync()));
        Assert.Equal(2, await AuditRowsAsync(c.CustomerId));
    }

    [Theory]
    [InlineData(KycStatus.Pending, AmlStatus.Clear, "kyc_incomplete")]
    [InlineData(KycStatus.Rejected, AmlStatus.Clear, "kyc_incomplete")]
    [InlineData(KycStatus.Approved, AmlStatus.Flagged, "restricted")]
    [InlineData(KycStatus.Approved, AmlStatus.Blocked, "restricted")]
    public async Task Customers_without_approved_kyc_or_with_aml_flags_cannot_move_money(KycStatus kyc, AmlStatus aml, string code)
    {
        var c = await f.CustomerAsync(kyc, aml);
        var refusal = Assert.IsType<ToolRefusal>(await f.CallAsync(c.CustomerId, "transfers", "prepare_transfer", Transfer("checking", "savings", 10m)));
        Assert.Equal(code, refusal.Code);
        Assert.DoesNotContain("AML", refusal.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("sanction", refusal.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("suspicious", refusal.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await f.DbAsync(db => db.AuditLogs.CountAsync(a => a.CustomerId == c.CustomerId && a.Status == AuditStatus.Failure)));
    }

    [Fact]
    public async Task Aml_flag_raised_after_prepare_blocks_the_confirm()
    {
        var c = await f.CustomerAsync();
        var pending = await PrepareAsync(c.CustomerId, "checking", "savings", 10m);
        await f.DbAsync(db => db.Customers.Where(x => x.CustomerId == c.CustomerId).ExecuteUpdateAsync(s => s.SetProperty(x => x.AmlStatus, AmlStatus.Flagged)));
        var refusal = Assert.IsType<ToolRefusal>(await ConfirmAsync(c.CustomerId, pending.ActionId));
        Assert.Equal(Refusals.ProfileRestricted, refusal.Message);
        Assert.Equal(1000m, (await f.AccountsAsync(c.CustomerId)).Single(a => a.AccountType == AccountType.Checking).Balance);
    }

    [Fact]
    public async Task Insufficient_funds_and_same_account_are_refused()
    {
        var c = await f.CustomerAsync();
        Assert.Equal("insufficient_funds", Assert.IsType<ToolRefusal>(await f.CallAsync(c.CustomerId, "transfers", "prepare_transfer", Transfer("checking", "savings", 1000.01m))).Code);
        Assert.Equal("same_account", Assert.IsType<ToolRefusal>(await f.CallAsync(c.CustomerId, "transfers", "prepare_transfer", Transfer("checking", "Everyday", 1m))).Code);
    }

    [Fact]
    public async Task Another_customers_account_is_refused_exactly_like_a_missing_one()
    {
        var alice = await f.CustomerAsync();
        var bob = await f.CustomerAsync();
        var bobsChecking = (await f.AccountsAsync(bob.CustomerId)).Single(a => a.AccountType == AccountType.Checking);
        var foreignFull = Assert.IsType<ToolRefusal>(await f.CallAsync(alice.CustomerId, "transfers", "prepare_transfer", Transfer("checking", bobsChecking.AccountNumber, 1m)));
        var foreignLast4 = Assert.IsType<ToolRefusal>(await f.CallAsync(alice.CustomerId, "accounts", "get_balance", new() { ["account"] = "ending " + bobsChecking.AccountNumber[^4..] }));
        var missing = Assert.IsType<ToolRefusal>(await f.CallAsync(alice.CustomerId, "accounts", "get_balance", new() { ["account"] = "CHK99999999999999" }));
        Assert.Equal(Refusals.AccountNotFound, foreignFull.Message);
        Assert.Equal(foreignFull, foreignLast4);
        Assert.Equal(foreignFull, missing);
    }

    [Fact]
    public async Task Cancel_drops_the_action_and_a_cancelled_action_cannot_be_cancelled_again()
    {
        var c = await f.CustomerAsync();
        var pending = await PrepareAsync(c.CustomerId, "checking", "savings", 10m);
        Assert.Equal("cancelled", Assert.IsType<CancellationResult>(await f.CallAsync(c.CustomerId, "transfers", "cancel_transfer", new() { ["action_id"] = pending.ActionId.ToString() })).Status);
        Assert.Equal(Refusals.ActionNotAvailable, Assert.IsType<ToolRefusal>(await f.CallAsync(c.CustomerId, "transfers", "cancel_transfer", new() { ["action_id"] = pending.ActionId.ToString() })).Message);
    }

    [Fact]
    public async Task Daily_limit_counts_executed_transfers_of_the_business_day()
    {
        var c = await f.CustomerAsync(accounts: [(AccountType.Checking, 2_000_000m, null), (AccountType.Savings, 0m, null)]);
        var first = await PrepareAsync(c.CustomerId, "checking", "savings", 999_999.99m);
        Assert.IsType<TransferReceipt>(await ConfirmAsync(c.CustomerId, first.ActionId));
        var over = Assert.IsType<ToolRefusal>(await f.CallAsync(c.CustomerId, "transfers", "prepare_transfer", Transfer("checking", "savings", 0.02m)));
        Assert.Equal("daily_limit", over.Code);
        var exact = await PrepareAsync(c.CustomerId, "checking", "savings", 0.01m);
        Assert.IsType<TransferReceipt>(await ConfirmAsync(c.CustomerId, exact.ActionId));
    }

    [Fact]
    public async Task Two_hundred_concurrent_transfers_among_twenty_accounts_conserve_money()
    {
        // 4 customers x 5 accounts; transfers within each customer's accounts, all prepared, then confirmed concurrently (twice each).
        var customers = new List<(Guid Id, List<Account> Accounts)>();
        for (var i = 0; i < 4; i++)
        {
            var c = await f.CustomerAsync(accounts: [(AccountType.Checking, 500m, "A"), (AccountType.Checking, 500m, "B"), (AccountType.Savings, 500m, "C"), (AccountType.Savings, 500m, "D"), (AccountType.MoneyMarket, 500m, "E")]);
            customers.Add((c.CustomerId, await f.AccountsAsync(c.CustomerId)));
        }
        var ids = customers.SelectMany(c => c.Accounts).Select(a => a.AccountId).ToArray();
        var totalBefore = await f.DbAsync(db => db.Accounts.Where(a => ids.Contains(a.AccountId)).SumAsync(a => a.Balance));
        var invocationsBefore = f.Invocations.Count;
        var auditBefore = await f.ToolAuditRowsAsync();
        var random = new Random(42);
        var plans = Enumerable.Range(0, 200).Select(_ =>
        {
            var (id, accounts) = customers[random.Next(customers.Count)];
            var from = random.Next(5);
            var to = (from + 1 + random.Next(4)) % 5;
            return (Customer: id, From: accounts[from].AccountNumber, To: accounts[to].AccountNumber, Amount: random.Next(1, 30000) / 100m);
        }).ToList();
        var prepared = await Task.WhenAll(plans.Select(p => Task.Run(async () =>
            (p.Customer, Result: await f.CallAsync(p.Customer, "transfers", "prepare_transfer", Transfer(p.From, p.To, p.Amount))))));
        var actions = prepared.Where(p => p.Result is PendingActionView).Select(p => (p.Customer, ((PendingActionView)p.Result!).ActionId)).ToList();
        Assert.True(actions.Count > 100, $"only {actions.Count} prepared");

        var confirms = actions.Concat(actions).OrderBy(_ => random.Next()).ToList();
        var outcomes = await Task.WhenAll(confirms.Select(a => Task.Run(() => ConfirmAsync(a.Customer, a.ActionId))));

        var executedNow = outcomes.OfType<TransferReceipt>().Where(r => !r.AlreadyExecuted).Select(r => r.ActionId).ToList();
        Assert.Equal(executedNow.Count, executedNow.Distinct().Count());
        Assert.All(outcomes, o => Assert.True(o is TransferReceipt or ToolRefusal { Code: "insufficient_funds" or "action_not_available" }, o?.ToString()));

        var accountsAfter = await f.DbAsync(db => db.Accounts.AsNoTracking().Where(a => ids.Contains(a.AccountId)).ToListAsync());
        Assert.Equal(totalBefore, accountsAfter.Sum(a => a.Balance));
        Assert.All(accountsAfter, a => Assert.True(a.Balance >= 0 && a.AvailableBalance == a.Balance));
        var actionIds = actions.Select(a => a.ActionId).ToArray();
        var executed = await f.DbAsync(db => db.PendingActions.Where(p => actionIds.Contains(p.ActionId) && p.Status == PendingActionStatus.Executed).Select(p => p.ActionId).ToListAsync());
        Assert.Equal(executed.Order(), executedNow.Order());
        var postings = await f.DbAsync(db => db.Transactions.Where(t => ids.Contains(t.AccountId)).GroupBy(t => t.ReferenceNumber).Select(g => g.Count()).ToListAsync());
        Assert.Equal(executed.Count, postings.Count);
        Assert.All(postings, n => Assert.Equal(2, n));
        // 600 concurrent invocations (prepares and double confirms): exactly one audit row each.
        Assert.Equal(plans.Count + confirms.Count, f.Invocations.Count - invocationsBefore);
        Assert.Equal(f.Invocations.Count - invocationsBefore, await f.ToolAuditRowsAsync() - auditBefore);
        // Each account's balance is its opening balance plus its postings.
        foreach (var a in accountsAfter)
        {
            var net = await f.DbAsync(db => db.Transactions.Where(t => t.AccountId == a.AccountId).SumAsync(t => t.TransactionType == TransactionType.Credit ? t.Amount : -t.Amount));
            Assert.Equal(500m + net, a.Balance);
        }
    }
}
