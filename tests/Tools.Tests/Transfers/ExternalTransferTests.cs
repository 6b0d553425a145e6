using BankingLlm.Data.Entities;
using BankingLlm.Tools.Tests.Support;
using BankingLlm.Tools.Transfers;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;

namespace BankingLlm.Tools.Tests.Transfers;

public sealed class ExternalTransferTests(ToolsFixture f) : IClassFixture<ToolsFixture>
{
    private static KernelArguments Payment(string name, string routing = "021000021", string account = "000123456789", decimal amount = 200m) => new()
    {
        ["from_account"] = "checking", ["beneficiary_name"] = name, ["routing_number"] = routing, ["account_number"] = account, ["amount"] = amount,
    };

    [Fact]
    public async Task Clean_beneficiary_is_prepared_and_confirm_posts_one_debit()
    {
        var c = await f.CustomerAsync();
        var pending = Assert.IsType<PendingActionView>(await f.CallAsync(c.CustomerId, "transfers", "prepare_external_transfer", Payment("Jane Q. Public")));
        Assert.Equal("awaiting_confirmation", pending.Status);
        Assert.Contains("ending 6789", pending.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("000123456789", pending.Summary, StringComparison.Ordinal);
        var receipt = Assert.IsType<TransferReceipt>(await f.CallAsync(c.CustomerId, "transfers", "confirm_transfer", new() { ["action_id"] = pending.ActionId.ToString() }));
        var debit = await f.DbAsync(db => db.Transactions.SingleAsync(t => t.TransactionId == receipt.TransactionId));
        Assert.Equal(TransactionType.Transfer, debit.TransactionType);
        Assert.Null(debit.CounterpartyAccountId);
        Assert.Equal("Jane Q. Public", debit.CounterpartyName);
        Assert.Equal(800m, (await f.AccountsAsync(c.CustomerId)).Single(a => a.AccountType == AccountType.Checking).Balance);
    }

    [Theory]
    [InlineData("Rustam Karimov")]
    [InlineData("Hosein Musavi")]
    [InlineData("Golden Crescent Exchange")]
    public async Task Listed_beneficiary_is_held_with_a_sanctions_event_and_a_neutral_message(string name)
    {
        var c = await f.CustomerAsync();
        var held = Assert.IsType<PendingActionView>(await f.CallAsync(c.CustomerId, "transfers", "prepare_external_transfer", Payment(name)));
        Assert.Equal("needs_review", held.Status);
        Assert.False(held.RequiresConfirmation);
        Assert.Equal(Refusals.NeedsReview, held.Message);
        var json = System.Text.Json.JsonSerializer.Serialize(held);
        foreach (var word in new[] { "sanction", "OFAC", "screen", "match", "list" })
        {
            Assert.DoesNotContain(word, json, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(PendingActionStatus.Held, await f.DbAsync(db => db.PendingActions.Where(p => p.ActionId == held.ActionId).Select(p => p.Status).SingleAsync()));
        var ev = await f.DbAsync(db => db.ComplianceEvents.SingleAsync(e => e.CustomerId == c.CustomerId && e.EventType == ComplianceEventType.SanctionsHit));
        Assert.Contains(held.ActionId.ToString(), ev.Findings, StringComparison.Ordinal);

        // Confirming a held payment posts nothing and says the same neutral thing.
        var refusal = Assert.IsType<ToolRefusal>(await f.CallAsync(c.CustomerId, "transfers", "confirm_transfer", new() { ["action_id"] = held.ActionId.ToString() }));
        Assert.Equal(Refusals.NeedsReview, refusal.Message);
        Assert.Equal(1000m, (await f.AccountsAsync(c.CustomerId)).Single(a => a.AccountType == AccountType.Checking).Balance);
    }

    [Theory]
    [InlineData("021000022", "000123456789", "invalid_routing_number")]
    [InlineData("12345", "000123456789", "invalid_routing_number")]
    [InlineData("021000021", "12", "invalid_beneficiary_account")]
    [InlineData("021000021", "12AB5678", "invalid_beneficiary_account")]
    public async Task Bad_routing_or_account_numbers_are_refused(string routing, string account, string code)
    {
        var c = await f.CustomerAsync();
        Assert.Equal(code, Assert.IsType<ToolRefusal>(await f.CallAsync(c.CustomerId, "transfers", "prepare_external_transfer", Payment("Jane Public", routing, account))).Code);
    }

    [Fact]
    public async Task External_daily_limit_applies()
    {
        var c = await f.CustomerAsync(accounts: [(AccountType.Checking, 500_000m, null)]);
        Assert.Equal("daily_limit", Assert.IsType<ToolRefusal>(await f.CallAsync(c.CustomerId, "transfers", "prepare_external_transfer", Payment("Jane Public", amount: 100_000.01m))).Code);
        Assert.IsType<PendingActionView>(await f.CallAsync(c.CustomerId, "transfers", "prepare_external_transfer", Payment("Jane Public", amount: 100_000.00m)));
    }
}
