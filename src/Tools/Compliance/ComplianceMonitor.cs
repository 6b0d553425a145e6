using System.Text.Json;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Tools.Accounts;
using BankingLlm.Tools.Audit;
using BankingLlm.Tools.Transactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BankingLlm.Tools.Compliance;

/// <summary>
/// Monitors every posting inside the posting's own transaction (the customer row is locked by the caller, so two
/// postings of one customer are evaluated one after the other): currency transaction reports (cash in or out over the
/// CTR threshold in one business day, aggregated), structuring (repeated cash deposits just under the threshold),
/// unusual amounts and velocity. Each finding is a compliance_events row; nothing here is ever shown to the customer.
/// </summary>
public sealed class ComplianceMonitor(IOptions<BankingToolsOptions> options, BusinessCalendar calendar, ToolsTelemetry telemetry, ILogger<ComplianceMonitor> logger)
{
    public const string CashMarker = """{"cash": true}""";

    /// <summary>Evaluates <paramref name="posted"/> (already saved in the open transaction) and adds the events to <paramref name="db"/>.</summary>
    public async Task<IReadOnlyList<ComplianceEvent>> EvaluateAsync(BankingDbContext db, Guid customerId, IReadOnlyList<Transaction> posted, DateTime nowUtc, CancellationToken ct)
    {
        var o = options.Value;
        var events = new List<ComplianceEvent>();
        var accountIds = await AccountResolver.OwnedBy(db, customerId).Select(a => a.AccountId).ToArrayAsync(ct).ConfigureAwait(false);
        var day = calendar.BusinessDay(nowUtc);
        var (dayStart, dayEnd) = calendar.DayBounds(day);

        var cash = posted.Where(IsCash).ToList();
        foreach (var inflow in new[] { true, false })
        {
            var trigger = cash.FirstOrDefault(t => IsInflow(t) == inflow);
            if (trigger is null)
            {
                continue;
            }
            var rows = await CashQuery(db, accountIds, inflow).Where(t => t.InitiatedAt >= dayStart && t.InitiatedAt < dayEnd)
                .Select(t => new { t.TransactionId, t.Amount }).ToListAsync(ct).ConfigureAwait(false);
            var total = rows.Sum(r => r.Amount);
            if (total <= o.CtrThreshold)
            {
                continue;
            }
            var direction = inflow ? "in" : "out";
            var dayText = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            if (await ExistsAsync(db, customerId, $$"""{"rule": "ctr", "direction": "{{direction}}", "business_day": "{{dayText}}"}""", ct).ConfigureAwait(false))
            {
                continue;
            }
            events.Add(NewEvent(customerId, trigger, ComplianceEventType.TransactionMonitoring, ComplianceSeverity.Medium, nowUtc,
                $"Cash {direction} totalling {total:0.00} USD in business day {dayText} exceeds the CTR threshold.",
                new { rule = "ctr", direction, business_day = dayText, total, threshold = o.CtrThreshold, transaction_ids = rows.Select(r => r.TransactionId) },
                risk: 40m, recommended: "File a Currency Transaction Report (FinCEN CTR) within 15 days."));
        }

        var nearThreshold = cash.FirstOrDefault(t => IsInflow(t) && InBand(t.Amount));
        if (nearThreshold is not null)
        {
            var windowStart = calendar.StartUtc(day.AddDays(-(o.StructuringWindowDays - 1)));
            var low = o.StructuringBandLow;
            var high = o.CtrThreshold;
            var rows = await CashQuery(db, accountIds, inflow: true)
                .Where(t => t.InitiatedAt >= windowStart && t.InitiatedAt < dayEnd && t.Amount >= low && t.Amount <= high)
                .Select(t => new { t.TransactionId, t.Amount, t.InitiatedAt }).ToListAsync(ct).ConfigureAwait(false);
            if (rows.Count >= o.StructuringMinCount
                && !await RecentAsync(db, customerId, """{"rule": "structuring"}""", windowStart, ct).ConfigureAwait(false))
            {
                events.Add(NewEvent(customerId, nearThreshold, ComplianceEventType.SuspiciousActivity, ComplianceSeverity.High, nowUtc,
                    $"{rows.Count} cash deposits between {low:0.00} and {high:0.00} USD within {o.StructuringWindowDays} days: possible structuring.",
                    new { rule = "structuring", count = rows.Count, total = rows.Sum(r => r.Amount), window_days = o.StructuringWindowDays, band_low = low, band_high = high, transaction_ids = rows.Select(r => r.TransactionId) },
                    risk: 75m, recommended: "Review for a Suspicious Activity Report (SAR)."));
            }
        }

        foreach (var t in posted.Where(t => !IsInflow(t)))
        {
            var threshold = o.UnusualAmountThreshold;
            var average = await db.Transactions.Where(x => x.AccountId == t.AccountId && x.TransactionId != t.TransactionId
                    && x.InitiatedAt >= nowUtc.AddDays(-90) && TransactionsPlugin.Outflows.Contains(x.TransactionType))
                .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Average = g.Average(x => x.Amount) })
                .FirstOrDefaultAsync(ct).ConfigureAwait(false);
            var multiple = average is { Count: >= 5 } && t.Amount >= average.Average * o.UnusualAmountMultiple && t.Amount >= threshold / 2;
            if (t.Amount >= threshold || multiple)
            {
                events.Add(NewEvent(customerId, t, ComplianceEventType.TransactionMonitoring, ComplianceSeverity.Low, nowUtc,
                    $"Unusual amount {t.Amount:0.00} USD.",
                    new { rule = "unusual_amount", amount = t.Amount, threshold, average_90d = average?.Average, history = average?.Count ?? 0 },
                    risk: 30m, recommended: "Review the payment against the customer's profile."));
            }
        }

        if (posted.Any(t => t.TransactionType == TransactionType.Transfer))
        {
            var since = nowUtc - o.VelocityWindow;
            var count = await db.Transactions.CountAsync(x => accountIds.Contains(x.AccountId) && x.TransactionType == TransactionType.Transfer && x.InitiatedAt >= since, ct).ConfigureAwait(false);
            if (count > o.VelocityMaxTransfers && !await RecentAsync(db, customerId, """{"rule": "velocity"}""", since, ct).ConfigureAwait(false))
            {
                var trigger = posted.First(t => t.TransactionType == TransactionType.Transfer);
                events.Add(NewEvent(customerId, trigger, ComplianceEventType.TransactionMonitoring, ComplianceSeverity.Medium, nowUtc,
                    $"{count} outgoing transfers within {o.VelocityWindow}.",
                    new { rule = "velocity", count, window_minutes = o.VelocityWindow.TotalMinutes, max = o.VelocityMaxTransfers },
                    risk: 50m, recommended: "Check the account for takeover or mule activity."));
            }
        }

        foreach (var e in events)
        {
            db.ComplianceEvents.Add(e);
            var rule = JsonDocument.Parse(e.Findings!).RootElement.GetProperty("rule").GetString()!;
            ToolsLog.MonitorRaised(logger, rule, e.EventId);
            telemetry.ComplianceEvent(rule);
        }
        return events;

        bool InBand(decimal amount) => amount >= o.StructuringBandLow && amount <= o.CtrThreshold;
    }

    public static bool IsCash(Transaction t) =>
        t.Metadata is { } m && JsonDocument.Parse(m).RootElement is { ValueKind: JsonValueKind.Object } root
        && root.TryGetProperty("cash", out var c) && c.ValueKind == JsonValueKind.True;

    public static bool IsInflow(Transaction t) => !TransactionsPlugin.Outflows.Contains(t.TransactionType);

    private static IQueryable<Transaction> CashQuery(BankingDbContext db, Guid[] accountIds, bool inflow)
    {
        var q = db.Transactions.Where(t => accountIds.Contains(t.AccountId) && t.Status == TransactionStatus.Completed
            && EF.Functions.JsonContains(t.Metadata!, CashMarker));
        return inflow
            ? q.Where(t => !TransactionsPlugin.Outflows.Contains(t.TransactionType))
            : q.Where(t => TransactionsPlugin.Outflows.Contains(t.TransactionType));
    }

    private static Task<bool> ExistsAsync(BankingDbContext db, Guid customerId, string findings, CancellationToken ct) =>
        db.ComplianceEvents.AnyAsync(e => e.CustomerId == customerId && EF.Functions.JsonContains(e.Findings!, findings), ct);

    private static Task<bool> RecentAsync(BankingDbContext db, Guid customerId, string findings, DateTime since, CancellationToken ct) =>
        db.ComplianceEvents.AnyAsync(e => e.CustomerId == customerId && e.DetectedAt >= since && EF.Functions.JsonContains(e.Findings!, findings), ct);

    internal static ComplianceEvent NewEvent(Guid customerId, Transaction? t, ComplianceEventType type, ComplianceSeverity severity, DateTime now,
        string description, object findings, decimal risk, string recommended, Guid? accountId = null) => new()
    {
        EventId = Guid.CreateVersion7(),
        EventType = type,
        CustomerId = customerId,
        AccountId = t?.AccountId ?? accountId,
        TransactionId = t?.TransactionId,
        Severity = severity,
        Status = ComplianceStatus.Open,
        Description = description,
        Findings = JsonSerializer.Serialize(findings, AuditRecorder.Json),
        RiskScore = risk,
        RecommendedAction = recommended,
        DetectedAt = now,
        CreatedAt = now,
    };
}
