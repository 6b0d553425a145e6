using System.Data;
using System.Globalization;
using System.Text.Json;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Tools.Accounts;
using BankingLlm.Tools.Audit;
using BankingLlm.Tools.Compliance;
using BankingLlm.Tools.Compliance.Sanctions;
using BankingLlm.Tools.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BankingLlm.Tools.Transfers;

/// <summary>
/// Money movement: prepare (validate, write a pending action) -> confirm in a later turn (one database transaction:
/// customer row and both account rows locked in a fixed order, every rule checked again, debit and credit rows,
/// balances, the action marked executed, compliance monitors and the audit row) -> or cancel. The action id is the
/// idempotency key: the action row is locked first, so a second confirm, even a concurrent one, sees it executed and
/// reports the earlier outcome. Serialization failures and deadlocks retry the whole transaction.
/// </summary>
public sealed class TransferService(
    IDbContextFactory<BankingDbContext> contexts,
    ICustomerContext customer,
    AuditRecorder audit,
    ComplianceMonitor monitor,
    SanctionsScreener screener,
    BusinessCalendar calendar,
    IOptions<BankingToolsOptions> options,
    TimeProvider clock,
    ToolsTelemetry telemetry,
    ILogger<TransferService> logger)
{
    public const string InternalKind = "internal_transfer";
    public const string ExternalKind = "external_transfer";
    private const string Plugin = "transfers";

    private BankingToolsOptions O => options.Value;

    public async Task<PendingActionView> PrepareInternalAsync(string fromAccount, string toAccount, decimal amount, string? memo, string? date, CancellationToken ct)
    {
        var session = customer.Require();
        ValidateAmount(amount);
        ValidateDate(date);
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var person = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.CustomerId == session.CustomerId, ct).ConfigureAwait(false)
            ?? throw new ToolRefusalException(Refusals.NoCustomer, "no_customer");
        GateCustomer(person);
        var accounts = await AccountResolver.OwnedBy(db, session.CustomerId).AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        var from = AccountResolver.Resolve(accounts, fromAccount);
        var to = AccountResolver.Resolve(accounts, toAccount);
        if (from.AccountId == to.AccountId)
        {
            throw new ToolRefusalException(Refusals.SameAccount, "same_account");
        }
        CheckSource(from, amount);
        CheckDestination(to, amount);
        await CheckDailyLimitsAsync(db, session.CustomerId, amount, external: false, ct).ConfigureAwait(false);

        var fromText = AccountResolver.Display(from);
        var toText = AccountResolver.Display(to);
        var summary = $"Transfer {Money(amount)} from your {fromText} to your {toText}" + (string.IsNullOrWhiteSpace(memo) ? "." : $", memo \"{Clip(memo, 60)}\".");
        var payload = new ActionPayload(session.RequestId, Clip(memo, 140), null, null, null, fromText, toText);
        return await CreateActionAsync(db, session, InternalKind, from, to.AccountId, amount, summary, payload, held: null, ct).ConfigureAwait(false);
    }

    public async Task<PendingActionView> PrepareExternalAsync(string fromAccount, string beneficiaryName, string routingNumber, string accountNumber, decimal amount, CancellationToken ct)
    {
        var session = customer.Require();
        ValidateAmount(amount);
        var name = (beneficiaryName ?? "").Trim();
        if (name.Length is < 2 or > 140 || !name.Any(char.IsLetter))
        {
            throw new ToolRefusalException("Please give the recipient's full name as it appears on their account.", "invalid_beneficiary");
        }
        if (!AbaRoutingNumber.IsValid(routingNumber))
        {
            throw new ToolRefusalException(Refusals.InvalidRoutingNumber, "invalid_routing_number");
        }
        var routing = AbaRoutingNumber.Normalize(routingNumber);
        var beneficiaryAccount = new string((accountNumber ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (beneficiaryAccount.Length is < 4 or > 17 || !beneficiaryAccount.All(char.IsAsciiDigit))
        {
            throw new ToolRefusalException(Refusals.InvalidBeneficiaryAccount, "invalid_beneficiary_account");
        }

        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var person = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.CustomerId == session.CustomerId, ct).ConfigureAwait(false)
            ?? throw new ToolRefusalException(Refusals.NoCustomer, "no_customer");
        GateCustomer(person);
        var accounts = await AccountResolver.OwnedBy(db, session.CustomerId).AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        var from = AccountResolver.Resolve(accounts, fromAccount);
        CheckSource(from, amount);
        await CheckDailyLimitsAsync(db, session.CustomerId, amount, external: true, ct).ConfigureAwait(false);

        var fromText = AccountResolver.Display(from);
        var last4 = beneficiaryAccount[^4..];
        var toText = $"{name}, account ending {last4} at routing {routing}";
        var summary = $"Send {Money(amount)} from your {fromText} to {toText}.";
        var payload = new ActionPayload(session.RequestId, null, name, routing, last4, fromText, toText);
        var hit = screener.Screen(name);
        return await CreateActionAsync(db, session, ExternalKind, from, null, amount, summary, payload, hit, ct).ConfigureAwait(false);
    }

    public async Task<TransferReceipt> ConfirmAsync(string actionId, CancellationToken ct)
    {
        var session = customer.Require();
        var invocation = ToolInvocation.CurrentOrDetached(Plugin, "confirm_transfer");
        invocation.EntityType = "pending_action";
        invocation.EntityId = Clip(actionId, 100) ?? "";
        invocation.ComplianceRelevant = true;
        if (!Guid.TryParse(actionId?.Trim(), out var id))
        {
            throw new ToolRefusalException(Refusals.ActionNotAvailable, "action_not_available");
        }
        invocation.EntityId = id.ToString();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ConfirmOnceAsync(session, invocation, id, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < O.MaxPostingAttempts && IsTransient(ex, out var state))
            {
                ToolsLog.PostingRetry(logger, id, state, attempt, O.MaxPostingAttempts);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), clock, ct).ConfigureAwait(false);
            }
        }
    }

    public async Task<CancellationResult> CancelAsync(string actionId, CancellationToken ct)
    {
        var session = customer.Require();
        var invocation = ToolInvocation.CurrentOrDetached(Plugin, "cancel_transfer");
        invocation.EntityType = "pending_action";
        invocation.EntityId = Clip(actionId, 100) ?? "";
        if (!Guid.TryParse(actionId?.Trim(), out var id))
        {
            throw new ToolRefusalException(Refusals.ActionNotAvailable, "action_not_available");
        }
        invocation.EntityId = id.ToString();
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        // One transaction, no savepoints: every row it writes carries the same xid.
        db.Database.AutoSavepointsEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct).ConfigureAwait(false);
        var action = await LockActionAsync(db, id, ct).ConfigureAwait(false);
        if (action is null || action.CustomerId != session.CustomerId || action.Kind is not (InternalKind or ExternalKind))
        {
            throw new ToolRefusalException(Refusals.ActionNotAvailable, "action_not_available");
        }
        var now = Now();
        switch (action.Status)
        {
            case PendingActionStatus.Executed:
                throw new ToolRefusalException("That transfer has already been completed, so it can't be cancelled.", "already_executed");
            case PendingActionStatus.Held:
                throw new ToolRefusalException(Refusals.NeedsReview, "needs_review");
            case PendingActionStatus.Pending when action.ExpiresAt > now:
                break;
            case PendingActionStatus.Pending:
                await DecideAsync(db, tx, invocation, action, PendingActionStatus.Expired, "expired before cancellation", now, ct).ConfigureAwait(false);
                throw new ToolRefusalException(Refusals.ActionNotAvailable, "action_not_available");
            default:
                throw new ToolRefusalException(Refusals.ActionNotAvailable, "action_not_available");
        }
        invocation.Action = AuditAction.Update;
        invocation.OldValues = new { status = "pending" };
        invocation.NewValues = new { status = "cancelled" };
        invocation.Outcome = "cancelled";
        action.Status = PendingActionStatus.Cancelled;
        action.DecidedAt = now;
        audit.Stage(db, invocation, AuditStatus.Success);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        AuditRecorder.Committed(invocation);
        return new CancellationResult(action.ActionId, "cancelled", "The transfer was cancelled; no money moved.");
    }

    private async Task<TransferReceipt> ConfirmOnceAsync(CustomerSession session, ToolInvocation invocation, Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        // One transaction, no savepoints: every row it writes carries the same xid.
        db.Database.AutoSavepointsEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct).ConfigureAwait(false);

        // 1. The action row first: it serialises confirms of the same action (the idempotency key).
        var action = await LockActionAsync(db, id, ct).ConfigureAwait(false);
        if (action is null || action.CustomerId != session.CustomerId || action.Kind is not (InternalKind or ExternalKind))
        {
            throw new ToolRefusalException(Refusals.ActionNotAvailable, "action_not_available");
        }
        var payload = ReadPayload(action);
        var now = Now();
        switch (action.Status)
        {
            case PendingActionStatus.Executed:
                return await EarlierOutcomeAsync(db, invocation, action, payload, ct).ConfigureAwait(false);
            case PendingActionStatus.Held:
                throw new ToolRefusalException(Refusals.NeedsReview, "needs_review");
            case PendingActionStatus.Pending when action.ExpiresAt <= now:
                await DecideAsync(db, tx, invocation, action, PendingActionStatus.Expired, "expired before confirmation", now, ct).ConfigureAwait(false);
                throw new ToolRefusalException(Refusals.ActionNotAvailable, "action_not_available");
            case PendingActionStatus.Pending:
                break;
            default:
                throw new ToolRefusalException(Refusals.ActionNotAvailable, "action_not_available");
        }
        if (payload.PreparedRequestId is { } prepared && prepared == session.RequestId)
        {
            // Defence in depth behind the agent's confirmation gate: never in the turn that prepared it.
            throw new ToolRefusalException(Refusals.ConfirmInLaterTurn, "confirm_in_later_turn");
        }

        // 2. The customer row: serialises one customer's postings (daily limits, monitors) and re-checks KYC/AML.
        var person = (await db.Customers.FromSql($"SELECT * FROM customers WHERE customer_id = {session.CustomerId} FOR UPDATE")
            .ToListAsync(ct).ConfigureAwait(false)).SingleOrDefault();
        if (person is null)
        {
            throw new ToolRefusalException(Refusals.NoCustomer, "no_customer");
        }
        var refusal = CustomerRefusal(person);

        // 3. The account rows, in account_id order, so two postings touching the same accounts never deadlock.
        Guid[] ids = action.ToAccountId is { } toId ? [action.FromAccountId, toId] : [action.FromAccountId];
        var locked = await db.Accounts.FromSql($"SELECT * FROM accounts WHERE account_id = ANY({ids}) ORDER BY account_id FOR UPDATE")
            .ToListAsync(ct).ConfigureAwait(false);
        var from = locked.SingleOrDefault(a => a.AccountId == action.FromAccountId);
        var to = action.ToAccountId is { } t ? locked.SingleOrDefault(a => a.AccountId == t) : null;
        refusal ??= from is null || !Owns(from, session.CustomerId) || (action.ToAccountId is not null && (to is null || !Owns(to, session.CustomerId)))
            ? new ToolRefusalException(Refusals.AccountNotFound, "account_not_found")
            : SourceRefusal(from, action.Amount) ?? (to is null ? null : DestinationRefusal(to, action.Amount));
        refusal ??= await DailyLimitRefusalAsync(db, session.CustomerId, action.Amount, action.Kind == ExternalKind, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            await DecideAsync(db, tx, invocation, action, PendingActionStatus.Failed, refusal.Code, now, ct).ConfigureAwait(false);
            throw refusal;
        }

        if (action.Kind == ExternalKind && payload.BeneficiaryName is { } beneficiary && screener.Screen(beneficiary) is { } hit)
        {
            // The list may have changed since prepare: hold, record, tell the customer only that it needs review.
            db.ComplianceEvents.Add(SanctionsEvent(session.CustomerId, from!, action, beneficiary, hit, now));
            await DecideAsync(db, tx, invocation, action, PendingActionStatus.Held, "held for review", now, ct).ConfigureAwait(false);
            ToolsLog.ActionHeld(logger, action.ActionId);
            throw new ToolRefusalException(Refusals.NeedsReview, "needs_review");
        }

        // 4. Post.
        var posted = Post(action, payload, from!, to, now, session);
        db.Transactions.AddRange(posted);
        action.Status = PendingActionStatus.Executed;
        action.DecidedAt = now;
        action.ResultTransactionId = posted[0].TransactionId;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);

        // 5. Monitors and audit, in the same transaction.
        var events = await monitor.EvaluateAsync(db, session.CustomerId, posted, now, ct).ConfigureAwait(false);
        invocation.Action = AuditAction.Update;
        invocation.OldValues = new { status = "pending", from_available = from!.AvailableBalance + action.Amount };
        invocation.NewValues = new
        {
            status = "executed",
            kind = action.Kind,
            amount = action.Amount,
            from = "****" + AccountResolver.LastFour(from.AccountNumber),
            to = to is null ? "external ****" + payload.BeneficiaryAccountLastFour : "****" + AccountResolver.LastFour(to.AccountNumber),
            debit_transaction_id = posted[0].TransactionId,
            credit_transaction_id = posted.Count > 1 ? posted[1].TransactionId : (Guid?)null,
            compliance_events = events.Count,
        };
        invocation.Outcome = "executed";
        invocation.ComplianceRelevant = true;
        audit.Stage(db, invocation, AuditStatus.Success);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        AuditRecorder.Committed(invocation);
        ToolsLog.ActionExecuted(logger, action.ActionId, posted[0].TransactionId);
        telemetry.Posted(action.Kind);
        telemetry.TransactionsCreated(posted);
        return new TransferReceipt(action.ActionId, "executed", action.Summary, posted[0].TransactionId, posted[0].ReferenceNumber!, action.Amount,
            payload.FromDisplay, payload.ToDisplay, from.AvailableBalance, now, AlreadyExecuted: false, "Done. The transfer is complete.");
    }

    private List<Transaction> Post(PendingAction action, ActionPayload payload, Account from, Account? to, DateTime now, CustomerSession session)
    {
        var amount = action.Amount;
        var reference = "TRF" + action.ActionId.ToString("N")[..16].ToUpperInvariant();
        var today = calendar.BusinessDay(now);
        var debit = new Transaction
        {
            TransactionId = Guid.CreateVersion7(),
            AccountId = from.AccountId,
            TransactionType = TransactionType.Transfer,
            Amount = amount,
            CurrencyCode = "USD",
            CounterpartyAccountId = to?.AccountId,
            CounterpartyName = to is null ? payload.BeneficiaryName : "Own account ****" + AccountResolver.LastFour(to.AccountNumber),
            CounterpartyBankName = to is null ? $"ABA {payload.RoutingNumber}" : null,
            Status = TransactionStatus.Completed,
            InitiatedAt = now,
            ProcessedAt = now,
            SettlementDate = today,
            TransactionFee = 0m,
            ReferenceNumber = reference,
            Description = Clip(payload.Memo, 255) ?? (to is null ? "Transfer to " + payload.BeneficiaryName : $"Transfer to {AccountResolver.TypeName(to.AccountType)} ****{AccountResolver.LastFour(to.AccountNumber)}"),
            Metadata = JsonSerializer.Serialize(new { action_id = action.ActionId, direction = "out", external = to is null, channel = session.Channel?.ToString().ToLowerInvariant() ?? "assistant", beneficiary_account_last4 = payload.BeneficiaryAccountLastFour }, AuditRecorder.Json),
            CreatedAt = now,
            UpdatedAt = now,
        };
        from.Balance -= amount;
        from.AvailableBalance -= amount;
        from.UpdatedAt = now;
        var rows = new List<Transaction> { debit };
        if (to is not null)
        {
            var credit = new Transaction
            {
                TransactionId = Guid.CreateVersion7(),
                AccountId = to.AccountId,
                TransactionType = TransactionType.Credit,
                Amount = amount,
                CurrencyCode = "USD",
                CounterpartyAccountId = from.AccountId,
                CounterpartyName = "Own account ****" + AccountResolver.LastFour(from.AccountNumber),
                Status = TransactionStatus.Completed,
                InitiatedAt = now,
                ProcessedAt = now,
                SettlementDate = today,
                TransactionFee = 0m,
                ReferenceNumber = reference,
                Description = Clip(payload.Memo, 255) ?? $"Transfer from {AccountResolver.TypeName(from.AccountType)} ****{AccountResolver.LastFour(from.AccountNumber)}",
                Metadata = JsonSerializer.Serialize(new { action_id = action.ActionId, direction = "in", channel = session.Channel?.ToString().ToLowerInvariant() ?? "assistant" }, AuditRecorder.Json),
                CreatedAt = now,
                UpdatedAt = now,
            };
            if (to.AccountType == AccountType.Loan)
            {
                // A loan's balance is what is owed: a payment reduces it.
                to.Balance -= amount;
                to.AvailableBalance = Math.Max(0m, to.AvailableBalance - amount);
            }
            else
            {
                to.Balance += amount;
                to.AvailableBalance += amount;
            }
            to.UpdatedAt = now;
            rows.Add(credit);
        }
        return rows;
    }

    private async Task<PendingActionView> CreateActionAsync(BankingDbContext db, CustomerSession session, string kind, Account from, Guid? toAccountId,
        decimal amount, string summary, ActionPayload payload, SanctionsMatch? held, CancellationToken ct)
    {
        var now = Now();
        var action = new PendingAction
        {
            ActionId = Guid.CreateVersion7(),
            CustomerId = session.CustomerId,
            SessionId = session.SessionId,
            Kind = kind,
            Status = held is null ? PendingActionStatus.Pending : PendingActionStatus.Held,
            FromAccountId = from.AccountId,
            ToAccountId = toAccountId,
            Amount = amount,
            CurrencyCode = "USD",
            Payload = JsonSerializer.Serialize(payload, AuditRecorder.Json),
            Summary = Clip(summary, 500)!,
            CreatedAt = now,
            ExpiresAt = now + O.ConfirmationExpiry,
            DecidedAt = held is null ? null : now,
            FailureReason = held is null ? null : "held for review",
        };
        db.PendingActions.Add(action);
        if (held is not null)
        {
            db.ComplianceEvents.Add(SanctionsEvent(session.CustomerId, from, action, payload.BeneficiaryName!, held, now));
            ToolsLog.ActionHeld(logger, action.ActionId);
        }
        var invocation = ToolInvocation.CurrentOrDetached(Plugin, kind == InternalKind ? "prepare_transfer" : "prepare_external_transfer");
        invocation.Action = AuditAction.Create;
        invocation.EntityType = "pending_action";
        invocation.EntityId = action.ActionId.ToString();
        invocation.ComplianceRelevant = true;
        invocation.Outcome = held is null ? "prepared" : "held";
        invocation.NewValues = new
        {
            kind,
            status = action.Status.ToString().ToLowerInvariant(),
            amount,
            from = "****" + AccountResolver.LastFour(from.AccountNumber),
            to = payload.BeneficiaryAccountLastFour is { } l4 ? "external ****" + l4 : "own",
            expires_at = action.ExpiresAt,
        };
        audit.Stage(db, invocation, AuditStatus.Success);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        AuditRecorder.Committed(invocation);
        return held is null
            ? new PendingActionView(action.ActionId, kind, "awaiting_confirmation", action.Summary, amount, "USD", payload.FromDisplay, payload.ToDisplay, action.ExpiresAt, true,
                $"Please ask the customer to confirm: {action.Summary} This expires at {action.ExpiresAt:HH:mm} UTC.")
            : new PendingActionView(action.ActionId, kind, "needs_review", action.Summary, amount, "USD", payload.FromDisplay, payload.ToDisplay, action.ExpiresAt, false, Refusals.NeedsReview);
    }

    private async Task<TransferReceipt> EarlierOutcomeAsync(BankingDbContext db, ToolInvocation invocation, PendingAction action, ActionPayload payload, CancellationToken ct)
    {
        var debit = await db.Transactions.AsNoTracking().FirstAsync(t => t.TransactionId == action.ResultTransactionId, ct).ConfigureAwait(false);
        var from = await db.Accounts.AsNoTracking().FirstAsync(a => a.AccountId == action.FromAccountId, ct).ConfigureAwait(false);
        invocation.Outcome = "already_executed";
        invocation.NewValues = new { status = "executed", debit_transaction_id = debit.TransactionId };
        return new TransferReceipt(action.ActionId, "executed", action.Summary, debit.TransactionId, debit.ReferenceNumber ?? "", action.Amount,
            payload.FromDisplay, payload.ToDisplay, from.AvailableBalance, action.DecidedAt ?? debit.InitiatedAt, AlreadyExecuted: true,
            "This transfer was already completed earlier; nothing more was sent.");
    }

    /// <summary>Records a terminal decision on the action with its audit row and commits (used before refusing).</summary>
    private async Task DecideAsync(BankingDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, ToolInvocation invocation,
        PendingAction action, PendingActionStatus status, string reason, DateTime now, CancellationToken ct)
    {
        var old = action.Status;
        action.Status = status;
        action.DecidedAt = now;
        action.FailureReason = Clip(reason, 500);
        invocation.Action = AuditAction.Update;
        invocation.OldValues = new { status = old.ToString().ToLowerInvariant() };
        invocation.NewValues = new { status = status.ToString().ToLowerInvariant(), reason };
        invocation.Outcome = status == PendingActionStatus.Held ? "held" : "refused";
        invocation.ComplianceRelevant = true;
        audit.Stage(db, invocation, AuditStatus.Failure, reason);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        AuditRecorder.Committed(invocation);
    }

    private static async Task<PendingAction?> LockActionAsync(BankingDbContext db, Guid id, CancellationToken ct) =>
        (await db.PendingActions.FromSql($"SELECT * FROM pending_actions WHERE action_id = {id} FOR UPDATE").ToListAsync(ct).ConfigureAwait(false)).SingleOrDefault();

    private ComplianceEvent SanctionsEvent(Guid customerId, Account from, PendingAction action, string beneficiary, SanctionsMatch hit, DateTime now) =>
        ComplianceMonitor.NewEvent(customerId, null, ComplianceEventType.SanctionsHit, hit.Score >= 0.97 ? ComplianceSeverity.Critical : ComplianceSeverity.High, now,
            "Beneficiary of an outgoing payment is a possible sanctions list match; payment held.",
            new
            {
                rule = "sanctions",
                action_id = action.ActionId,
                beneficiary_name = beneficiary,
                listed_name = hit.ListedName,
                list_entity_number = hit.EntityNumber,
                program = hit.Program,
                alias = hit.IsAlias,
                score = Math.Round(hit.Score, 4),
                threshold = O.SanctionsMatchThreshold,
            },
            risk: (decimal)Math.Round(hit.Score * 100, 2), recommended: "Review the match; release or reject the payment and file with OFAC if confirmed.", accountId: from.AccountId);

    private async Task CheckDailyLimitsAsync(BankingDbContext db, Guid customerId, decimal amount, bool external, CancellationToken ct)
    {
        if (await DailyLimitRefusalAsync(db, customerId, amount, external, ct).ConfigureAwait(false) is { } refusal)
        {
            throw refusal;
        }
    }

    private async Task<ToolRefusalException?> DailyLimitRefusalAsync(BankingDbContext db, Guid customerId, decimal amount, bool external, CancellationToken ct)
    {
        var (start, end) = calendar.DayBounds(calendar.BusinessDay(Now()));
        var executed = await db.PendingActions
            .Where(p => p.CustomerId == customerId && p.Status == PendingActionStatus.Executed && p.DecidedAt >= start && p.DecidedAt < end
                && (p.Kind == InternalKind || p.Kind == ExternalKind))
            .GroupBy(p => p.Kind).Select(g => new { Kind = g.Key, Total = g.Sum(p => p.Amount) })
            .ToListAsync(ct).ConfigureAwait(false);
        var total = executed.Sum(e => e.Total);
        var externalTotal = executed.Where(e => e.Kind == ExternalKind).Sum(e => e.Total);
        if (total + amount > O.DailyTransferLimit)
        {
            return new ToolRefusalException($"{Refusals.DailyLimit} You can still move up to {Money(Math.Max(0, O.DailyTransferLimit - total))} today.", "daily_limit");
        }
        if (external && externalTotal + amount > O.DailyExternalTransferLimit)
        {
            return new ToolRefusalException($"{Refusals.DailyLimit} You can still send up to {Money(Math.Max(0, O.DailyExternalTransferLimit - externalTotal))} to other banks today.", "daily_limit");
        }
        return null;
    }

    internal static void ValidateAmount(decimal amount)
    {
        if (amount < 0.01m || amount > 999_999.99m || decimal.Round(amount, 2) != amount)
        {
            throw new ToolRefusalException(Refusals.InvalidAmount, "invalid_amount");
        }
    }

    private void ValidateDate(string? date)
    {
        if (string.IsNullOrWhiteSpace(date) || date.Trim().Equals("today", StringComparison.OrdinalIgnoreCase) || date.Trim().Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        if (!DateOnly.TryParse(date.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            throw new ToolRefusalException("I couldn't read that date; please use a date like 2026-01-31.", "invalid_date");
        }
        if (d != calendar.BusinessDay(Now()))
        {
            throw new ToolRefusalException(Refusals.FutureDate, "scheduled_not_supported");
        }
    }

    private static void GateCustomer(Customer person)
    {
        if (CustomerRefusal(person) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>KYC/AML gating. The AML message is deliberately neutral (no tipping-off).</summary>
    private static ToolRefusalException? CustomerRefusal(Customer person)
    {
        if (person.DeletedAt is not null || person.Status is CustomerStatus.Suspended or CustomerStatus.Closed or CustomerStatus.Inactive
            || person.AmlStatus is AmlStatus.Flagged or AmlStatus.Blocked)
        {
            return new ToolRefusalException(Refusals.ProfileRestricted, "restricted");
        }
        return person.KycStatus != KycStatus.Approved ? new ToolRefusalException(Refusals.KycIncomplete, "kyc_incomplete") : null;
    }

    private static void CheckSource(Account from, decimal amount)
    {
        if (SourceRefusal(from, amount) is { } refusal)
        {
            throw refusal;
        }
    }

    private static void CheckDestination(Account to, decimal amount)
    {
        if (DestinationRefusal(to, amount) is { } refusal)
        {
            throw refusal;
        }
    }

    private static ToolRefusalException? SourceRefusal(Account from, decimal amount)
    {
        var display = AccountResolver.Display(from);
        if (from.Status is not (null or AccountStatus.Active))
        {
            return new ToolRefusalException(Refusals.AccountNotActive(display), "account_not_active");
        }
        if (from.AccountType is not (AccountType.Checking or AccountType.Savings or AccountType.MoneyMarket))
        {
            return new ToolRefusalException(Refusals.CannotSendFrom(display), "cannot_send_from");
        }
        // balance_check forbids a negative balance on deposit accounts, so overdraft protection (a linked account
        // covering the shortfall) is not drawn here: a transfer needs the funds in the account itself.
        return amount > from.AvailableBalance || amount > from.Balance
            ? new ToolRefusalException(Refusals.InsufficientFunds, "insufficient_funds")
            : null;
    }

    private static ToolRefusalException? DestinationRefusal(Account to, decimal amount)
    {
        var display = AccountResolver.Display(to);
        if (to.Status is not (null or AccountStatus.Active))
        {
            return new ToolRefusalException(Refusals.AccountNotActive(display), "account_not_active");
        }
        if (to.AccountType == AccountType.Investment)
        {
            return new ToolRefusalException(Refusals.CannotReceive(display), "cannot_receive");
        }
        if (to.AccountType == AccountType.Loan && amount > to.Balance)
        {
            return new ToolRefusalException($"That's more than the {Money(to.Balance)} owed on your {display}.", "overpayment");
        }
        return null;
    }

    private static bool Owns(Account a, Guid customerId) => a.CustomerId == customerId || a.PrimaryOwner == customerId || a.SecondaryOwner == customerId;

    internal static bool IsTransient(Exception ex, out string sqlState)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } pg)
            {
                sqlState = pg.SqlState;
                return true;
            }
        }
        sqlState = "";
        return false;
    }

    private static ActionPayload ReadPayload(PendingAction action) =>
        (action.Payload is null ? null : JsonSerializer.Deserialize<ActionPayload>(action.Payload, AuditRecorder.Json))
        ?? new ActionPayload(null, null, null, null, null, "your account", "your account");

    private DateTime Now()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
    }

    internal static string Money(decimal amount) => amount.ToString("$#,##0.00", CultureInfo.InvariantCulture);

    private static string? Clip(string? s, int max) => s is null ? null : s.Length <= max ? s.Trim() : s[..max].Trim();

    internal sealed record ActionPayload(
        string? PreparedRequestId, string? Memo, string? BeneficiaryName, string? RoutingNumber, string? BeneficiaryAccountLastFour, string FromDisplay, string ToDisplay);
}
