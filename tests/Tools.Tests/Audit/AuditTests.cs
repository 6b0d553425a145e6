using BankingLlm.Data.Entities;
using BankingLlm.Tools.Audit;
using BankingLlm.Tools.Scope;
using BankingLlm.Tools.Tests.Support;
using BankingLlm.Tools.Transfers;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;
using Npgsql;

namespace BankingLlm.Tools.Tests.Audit;

/// <summary>One audit row per invocation whatever the outcome, masked values, and the hash chain. Own database, so counts are exact.</summary>
public sealed class AuditTests(ToolsFixture f) : IClassFixture<ToolsFixture>
{
    [Fact]
    public async Task Every_invocation_writes_exactly_one_audit_row_and_the_chain_verifies()
    {
        var c = await f.CustomerAsync();
        var other = await f.CustomerAsync();
        var before = f.Invocations.Count;
        var rowsBefore = await f.DbAsync(db => db.AuditLogs.CountAsync(a => a.ChangesSummary != null));

        // Reads, refusals, writes, idempotent repeats, errors and cancellations.
        await f.CallAsync(c.CustomerId, "accounts", "list_accounts");
        await f.CallAsync(c.CustomerId, "accounts", "get_balance", new() { ["account"] = "Everyday" });
        await f.CallAsync(c.CustomerId, "accounts", "get_account_details", new() { ["account"] = "ending 0000" });
        await f.CallAsync(c.CustomerId, "transactions", "get_recent_transactions", new() { ["days"] = 5000 });
        await f.CallAsync(c.CustomerId, "transactions", "search_transactions", new() { ["text"] = "coffee" });
        await f.CallAsync(c.CustomerId, "transactions", "get_spending_summary", new() { ["group_by"] = "category" });
        await f.CallAsync(c.CustomerId, "compliance", "get_kyc_status");
        var pending = Assert.IsType<PendingActionView>(await f.CallAsync(c.CustomerId, "transfers", "prepare_transfer",
            new() { ["from_account"] = "checking", ["to_account"] = "savings", ["amount"] = 12.34m }));
        await f.CallAsync(c.CustomerId, "transfers", "confirm_transfer", new() { ["action_id"] = pending.ActionId.ToString() });
        await f.CallAsync(c.CustomerId, "transfers", "confirm_transfer", new() { ["action_id"] = pending.ActionId.ToString() });
        await f.CallAsync(other.CustomerId, "transfers", "confirm_transfer", new() { ["action_id"] = pending.ActionId.ToString() });
        await f.CallAsync(c.CustomerId, "transfers", "prepare_external_transfer",
            new() { ["from_account"] = "checking", ["beneficiary_name"] = "Jane Doe", ["routing_number"] = "021000021", ["account_number"] = "123456789", ["amount"] = 5m });
        await f.CallAsync(c.CustomerId, "compliance", "report_fraud", new() { ["description"] = "I don't recognise a card payment" });
        await f.CallAsync(c.CustomerId, "support", "escalate_to_human", new() { ["reason"] = "wants a person" });

        // Outside any customer scope: refused and audited.
        var kernel = f.Kernel();
        var noScope = await kernel.InvokeAsync("accounts", "list_accounts");
        Assert.Equal(Refusals.NoCustomer, noScope.GetValue<ToolRefusal>()!.Message);

        // A cancelled call is audited and the cancellation propagates.
        using (CustomerScope.Begin(new CustomerSession(c.CustomerId, null, "cancelled-turn")))
        {
            using var cts = new CancellationTokenSource();
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => kernel.InvokeAsync("accounts", "list_accounts", cancellationToken: cts.Token));
        }

        // A failing call (wrong argument type from the model) is audited too.
        using (CustomerScope.Begin(new CustomerSession(c.CustomerId, null, "bad-args")))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => kernel.InvokeAsync("transfers", "prepare_transfer",
                new KernelArguments { ["from_account"] = "checking", ["to_account"] = "savings", ["amount"] = "lots" }));
        }

        var invocations = f.Invocations.Count - before;
        var rows = await f.DbAsync(db => db.AuditLogs.CountAsync(a => a.ChangesSummary != null)) - rowsBefore;
        Assert.InRange(invocations, 16, 17);
        Assert.Equal(invocations, rows);

        var report = await f.Get<AuditChainVerifier>().VerifyAsync();
        Assert.True(report.Intact, report.Reason);
        Assert.True(report.RowsChecked >= rows);
    }

    [Fact]
    public async Task Audit_rows_carry_scope_status_retention_and_only_masked_values()
    {
        var c = await f.CustomerAsync();
        var accounts = await f.AccountsAsync(c.CustomerId);
        var checking = accounts.Single(a => a.AccountType == AccountType.Checking);
        var session = Guid.NewGuid();
        using (CustomerScope.Begin(new CustomerSession(c.CustomerId, session, "req-audit-1", ChatChannel.Mobile)))
        {
            await f.Kernel().InvokeAsync("accounts", "get_balance", new KernelArguments { ["account"] = checking.AccountNumber });
        }
        var row = await f.DbAsync(db => db.AuditLogs.SingleAsync(a => a.RequestId == "req-audit-1"));
        Assert.Equal(c.CustomerId, row.CustomerId);
        Assert.Equal(session, row.SessionId);
        Assert.Equal(AuditStatus.Success, row.Status);
        Assert.Equal(AuditAction.Read, row.Action);
        Assert.Equal("account", row.EntityType);
        Assert.Equal(checking.AccountId.ToString(), row.EntityId);
        Assert.Equal("banking-assistant", row.ServiceAccount);
        Assert.Equal(DateOnly.FromDateTime(row.CreatedAt!.Value).AddYears(10), row.RetentionUntil);
        Assert.NotNull(row.RowHash);
        var text = $"{row.OldValues}{row.NewValues}{row.ChangesSummary}";
        Assert.DoesNotContain(checking.AccountNumber, text, StringComparison.Ordinal);
        Assert.Contains(checking.AccountNumber[^4..], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_tools_commit_their_audit_row_in_the_same_transaction()
    {
        var c = await f.CustomerAsync();
        var pending = Assert.IsType<PendingActionView>(await f.CallAsync(c.CustomerId, "transfers", "prepare_transfer",
            new() { ["from_account"] = "checking", ["to_account"] = "savings", ["amount"] = 1m }, requestId: "req-prep"));
        var receipt = Assert.IsType<TransferReceipt>(await f.CallAsync(c.CustomerId, "transfers", "confirm_transfer",
            new() { ["action_id"] = pending.ActionId.ToString() }, requestId: "req-confirm"));
        var rows = await f.DbAsync(db => db.AuditLogs.Where(a => a.RequestId == "req-prep" || a.RequestId == "req-confirm").ToListAsync());
        var prep = rows.Single(r => r.RequestId == "req-prep");
        var confirm = rows.Single(r => r.RequestId == "req-confirm");
        Assert.Equal(pending.ActionId.ToString(), prep.EntityId);
        Assert.Equal(AuditAction.Create, prep.Action);
        Assert.Equal(AuditAction.Update, confirm.Action);
        Assert.True(confirm.ComplianceRelevant);
        Assert.Contains(receipt.TransactionId.ToString(), confirm.NewValues, StringComparison.Ordinal);
        // Same transaction: the audit row's xmin equals the posting's.
        var xmins = await f.DbAsync(async db =>
        {
            var conn = (NpgsqlConnection)db.Database.GetDbConnection();
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT (SELECT xmin::text FROM audit_logs WHERE log_id = $1), (SELECT xmin::text FROM transactions WHERE transaction_id = $2)", conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = confirm.LogId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = receipt.TransactionId });
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetString(0), reader.GetString(1));
        });
        Assert.Equal(xmins.Item1, xmins.Item2);
    }
}
