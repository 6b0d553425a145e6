using System.Data;
using System.Text.Json;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Tools.Audit;
using BankingLlm.Tools.Transfers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BankingLlm.Tools.Compliance;

/// <summary>
/// Cash in and out at a branch or ATM (not an assistant tool): posts the transaction flagged <c>{"cash": true}</c>
/// and runs the same compliance monitors as every other posting, in the same transaction. Used by teller systems,
/// seeding and the BSA tests.
/// </summary>
public sealed class CashPostingService(
    IDbContextFactory<BankingDbContext> contexts, ComplianceMonitor monitor, AuditRecorder audit, IOptions<BankingToolsOptions> options, TimeProvider clock, ToolsTelemetry telemetry)
{
    public async Task<(Transaction Posted, IReadOnlyList<ComplianceEvent> Events)> PostAsync(Guid accountId, decimal amount, bool deposit, string serviceAccount, CancellationToken ct = default)
    {
        TransferService.ValidateAmount(amount);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PostOnceAsync(accountId, amount, deposit, serviceAccount, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < options.Value.MaxPostingAttempts && TransferService.IsTransient(ex, out _))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt), clock, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task<(Transaction, IReadOnlyList<ComplianceEvent>)> PostOnceAsync(Guid accountId, decimal amount, bool deposit, string serviceAccount, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        // One transaction, no savepoints: every row it writes carries the same xid.
        db.Database.AutoSavepointsEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct).ConfigureAwait(false);
        var owner = await db.Accounts.Where(a => a.AccountId == accountId).Select(a => (Guid?)a.CustomerId).FirstOrDefaultAsync(ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException("Unknown account.");
        // Same lock order as transfers: customer, then account.
        await db.Customers.FromSql($"SELECT * FROM customers WHERE customer_id = {owner} FOR UPDATE").ToListAsync(ct).ConfigureAwait(false);
        var account = (await db.Accounts.FromSql($"SELECT * FROM accounts WHERE account_id = {accountId} FOR UPDATE").ToListAsync(ct).ConfigureAwait(false)).Single();
        if (account.Status is not (null or AccountStatus.Active))
        {
            throw new InvalidOperationException("The account is not active.");
        }
        if (!deposit && amount > account.AvailableBalance)
        {
            throw new InvalidOperationException("Insufficient funds.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
        var posted = new Transaction
        {
            TransactionId = Guid.CreateVersion7(),
            AccountId = accountId,
            TransactionType = deposit ? TransactionType.Deposit : TransactionType.Withdrawal,
            Amount = amount,
            CurrencyCode = "USD",
            Status = TransactionStatus.Completed,
            InitiatedAt = now,
            ProcessedAt = now,
            SettlementDate = DateOnly.FromDateTime(now),
            ReferenceNumber = "CSH" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(),
            Description = deposit ? "Cash deposit" : "Cash withdrawal",
            Metadata = JsonSerializer.Serialize(new { cash = true, channel = serviceAccount }, AuditRecorder.Json),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Transactions.Add(posted);
        var delta = deposit ? amount : -amount;
        account.Balance += delta;
        account.AvailableBalance += delta;
        account.UpdatedAt = now;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        var events = await monitor.EvaluateAsync(db, owner, [posted], now, ct).ConfigureAwait(false);
        var invocation = new ToolInvocation("teller", deposit ? "cash_deposit" : "cash_withdrawal", new Dictionary<string, string?> { ["amount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            Action = AuditAction.Create,
            EntityType = "transaction",
            EntityId = posted.TransactionId.ToString(),
            NewValues = new { amount, account = "****" + (account.AccountNumber.Length > 4 ? account.AccountNumber[^4..] : account.AccountNumber), compliance_events = events.Count },
            ComplianceRelevant = true,
            Outcome = "posted",
        };
        var row = audit.Build(invocation, AuditStatus.Success, null);
        row.ServiceAccount = serviceAccount;
        row.CustomerId = owner;
        db.AuditLogs.Add(row);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        telemetry.TransactionsCreated([posted]);
        return (posted, events);
    }
}
