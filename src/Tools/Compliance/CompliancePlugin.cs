using System.ComponentModel;
using System.Data;
using System.Text.Json;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Tools.Accounts;
using BankingLlm.Tools.Audit;
using BankingLlm.Tools.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace BankingLlm.Tools.Compliance;

/// <summary>
/// Plugin <c>compliance</c>: the customer's own KYC state and fraud reports. It never reveals AML status, SARs or
/// screening results: telling a customer about them is tipping-off.
/// </summary>
public sealed class CompliancePlugin(
    IDbContextFactory<BankingDbContext> contexts, ICustomerContext customer, AuditRecorder audit, IOptions<BankingToolsOptions> options, TimeProvider clock)
{
    public const string PluginName = "compliance";
    public const string SuspendKind = "fraud_report_suspend";

    /// <summary>Functions that change an account on the customer's confirmation (gate them like transfers).</summary>
    public static readonly IReadOnlySet<string> ConfirmationFunctions = new HashSet<string>(StringComparer.Ordinal) { "confirm_account_suspension" };

    [KernelFunction("get_kyc_status"), Description("Gets the customer's identity verification (KYC) status and what is still needed to complete it.")]
    public async Task<KycStatusView> GetKycStatusAsync(CancellationToken cancellationToken = default)
    {
        var session = customer.Require();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var c = await db.Customers.AsNoTracking().Where(x => x.CustomerId == session.CustomerId)
            .Select(x => new { x.KycStatus, x.KycVerificationDate, x.IdDocumentType, x.IdExpiryDate })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new ToolRefusalException(Refusals.NoCustomer, "no_customer");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var needed = new List<string>();
        var status = c.KycStatus ?? KycStatus.Pending;
        switch (status)
        {
            case KycStatus.Approved when c.IdExpiryDate is { } exp && exp < today:
                needed.Add("an updated government-issued photo ID (the one on file has expired)");
                break;
            case KycStatus.Approved:
                break;
            case KycStatus.Pending:
                if (c.IdDocumentType is null)
                {
                    needed.Add("a government-issued photo ID (passport, driver's license or national ID)");
                }
                needed.Add("proof of address dated within the last 3 months");
                break;
            case KycStatus.Expired:
                needed.Add("an updated government-issued photo ID");
                needed.Add("proof of address dated within the last 3 months");
                break;
            case KycStatus.Rejected:
                needed.Add("a visit to a branch or a call to customer support with your ID, to complete verification in person");
                break;
        }
        if (ToolInvocation.Current is { } inv)
        {
            inv.EntityType = "customer";
            inv.EntityId = session.CustomerId.ToString();
            inv.NewValues = new { kyc_status = status.ToString().ToLowerInvariant(), still_needed = needed.Count };
        }
        var message = needed.Count == 0 ? "Your identity verification is complete." : "Your identity verification isn't complete yet.";
        return new KycStatusView(status.ToString().ToLowerInvariant(), c.KycVerificationDate is { } v ? DateOnly.FromDateTime(v) : null, c.IdExpiryDate, needed, message);
    }

    [KernelFunction("report_fraud"), Description("Records the customer's report of fraud or suspicious activity (a lost card, a transaction they don't recognise, a scam). If an account is named, offers to suspend it; suspension happens only after the customer confirms.")]
    public async Task<FraudReportReceipt> ReportFraudAsync(
        [Description("What happened, in the customer's words.")] string description,
        [Description("Optional affected account: type, nickname, last four digits or placeholder.")] string? account = null,
        [Description("Optional id or reference of the transaction the customer doesn't recognise.")] string? transaction = null,
        CancellationToken cancellationToken = default)
    {
        var session = customer.Require();
        if (string.IsNullOrWhiteSpace(description))
        {
            throw new ToolRefusalException("Please tell me briefly what happened.", "description_missing");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var accounts = await AccountResolver.OwnedBy(db, session.CustomerId).AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var affected = string.IsNullOrWhiteSpace(account) ? null : AccountResolver.Resolve(accounts, account);
        Transaction? tx = null;
        if (!string.IsNullOrWhiteSpace(transaction))
        {
            var ids = accounts.Select(a => a.AccountId).ToArray();
            var text = transaction.Trim();
            tx = Guid.TryParse(text, out var txId)
                ? await db.Transactions.AsNoTracking().FirstOrDefaultAsync(t => t.TransactionId == txId && ids.Contains(t.AccountId), cancellationToken).ConfigureAwait(false)
                : await db.Transactions.AsNoTracking().FirstOrDefaultAsync(t => t.ReferenceNumber == text && ids.Contains(t.AccountId), cancellationToken).ConfigureAwait(false);
            if (tx is null)
            {
                throw new ToolRefusalException(Refusals.TransactionNotFound, "transaction_not_found");
            }
            affected ??= accounts.First(a => a.AccountId == tx.AccountId);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var ev = ComplianceMonitor.NewEvent(session.CustomerId, tx, ComplianceEventType.SuspiciousActivity, ComplianceSeverity.High, now,
            "Customer reported fraud or suspicious activity through the assistant.",
            new { rule = "customer_report", description = description.Length > 2000 ? description[..2000] : description, session_id = session.SessionId, channel = session.Channel?.ToString().ToLowerInvariant() },
            risk: 60m, recommended: "Contact the customer; review the account and recent transactions.", accountId: affected?.AccountId);
        db.ComplianceEvents.Add(ev);

        PendingAction? suspend = null;
        if (affected is not null && affected.Status is null or AccountStatus.Active)
        {
            suspend = new PendingAction
            {
                ActionId = Guid.CreateVersion7(),
                CustomerId = session.CustomerId,
                SessionId = session.SessionId,
                Kind = SuspendKind,
                Status = PendingActionStatus.Pending,
                FromAccountId = affected.AccountId,
                Amount = 0.01m,
                Payload = JsonSerializer.Serialize(new { prepared_request_id = session.RequestId, compliance_event_id = ev.EventId }, AuditRecorder.Json),
                Summary = $"Suspend your {AccountResolver.Display(affected)}: no payments in or out until you call us to reopen it.",
                CreatedAt = now,
                ExpiresAt = now + options.Value.ConfirmationExpiry,
            };
            db.PendingActions.Add(suspend);
        }
        var invocation = ToolInvocation.CurrentOrDetached(PluginName, "report_fraud");
        invocation.Action = AuditAction.Create;
        invocation.EntityType = "compliance_event";
        invocation.EntityId = ev.EventId.ToString();
        invocation.ComplianceRelevant = true;
        invocation.Outcome = "reported";
        invocation.NewValues = new { event_type = "suspicious_activity", account = affected is null ? null : "****" + AccountResolver.LastFour(affected.AccountNumber), transaction_id = tx?.TransactionId, suspend_action_id = suspend?.ActionId };
        audit.Stage(db, invocation, AuditStatus.Success);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        AuditRecorder.Committed(invocation);
        var reference = "FR" + ev.EventId.ToString("N")[..10].ToUpperInvariant();
        return new FraudReportReceipt(reference, "reported",
            "Thank you. Your report has been recorded and our fraud team will review it." + (suspend is null ? "" : " I can also suspend the account now if you confirm."),
            suspend?.ActionId, suspend?.Summary);
    }

    [KernelFunction("confirm_account_suspension"), Description("Suspends the account named in a fraud report. Call only after the customer explicitly confirmed the suspension in a later message.")]
    public async Task<SuspensionReceipt> ConfirmAccountSuspensionAsync(
        [Description("The suspend_action_id returned by report_fraud.")] string action_id,
        CancellationToken cancellationToken = default)
    {
        var session = customer.Require();
        var invocation = ToolInvocation.CurrentOrDetached(PluginName, "confirm_account_suspension");
        invocation.EntityType = "pending_action";
        invocation.EntityId = action_id.Length > 100 ? action_id[..100] : action_id;
        invocation.ComplianceRelevant = true;
        const string notAvailable = "There's no suspension waiting for confirmation with that reference. It may have expired; I can start again.";
        if (!Guid.TryParse(action_id.Trim(), out var id))
        {
            throw new ToolRefusalException(notAvailable, "action_not_available");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // One transaction, no savepoints: every row it writes carries the same xid.
        db.Database.AutoSavepointsEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        var action = (await db.PendingActions.FromSql($"SELECT * FROM pending_actions WHERE action_id = {id} FOR UPDATE").ToListAsync(cancellationToken).ConfigureAwait(false)).SingleOrDefault();
        var now = clock.GetUtcNow().UtcDateTime;
        if (action is null || action.CustomerId != session.CustomerId || action.Kind != SuspendKind || action.Status != PendingActionStatus.Pending || action.ExpiresAt <= now)
        {
            throw new ToolRefusalException(notAvailable, "action_not_available");
        }
        if (action.Payload is { } p && JsonDocument.Parse(p).RootElement.TryGetProperty("prepared_request_id", out var prepared) && prepared.GetString() == session.RequestId)
        {
            throw new ToolRefusalException("Please confirm the suspension in your next message.", "confirm_in_later_turn");
        }
        var acct = (await db.Accounts.FromSql($"SELECT * FROM accounts WHERE account_id = {action.FromAccountId} FOR UPDATE").ToListAsync(cancellationToken).ConfigureAwait(false)).Single();
        var old = acct.Status;
        acct.Status = AccountStatus.Suspended;
        acct.UpdatedAt = now;
        action.Status = PendingActionStatus.Executed;
        action.DecidedAt = now;
        invocation.Action = AuditAction.Update;
        invocation.EntityType = "account";
        invocation.EntityId = acct.AccountId.ToString();
        invocation.OldValues = new { status = (old ?? AccountStatus.Active).ToString().ToLowerInvariant() };
        invocation.NewValues = new { status = "suspended", action_id = action.ActionId };
        invocation.Outcome = "suspended";
        audit.Stage(db, invocation, AuditStatus.Success);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        AuditRecorder.Committed(invocation);
        return new SuspensionReceipt(AccountResolver.Display(acct), "suspended", "The account is suspended. Call us when you're ready to reopen it or get a replacement card.");
    }
}
