using System.ComponentModel;
using System.Globalization;
using System.Text;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Tools.Accounts;
using BankingLlm.Tools.Audit;
using BankingLlm.Tools.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace BankingLlm.Tools.Transactions;

/// <summary>Plugin <c>transactions</c>: the signed-in customer's history. Read only.</summary>
public sealed class TransactionsPlugin(
    IDbContextFactory<BankingDbContext> contexts, ICustomerContext customer, IOptions<BankingToolsOptions> options, TimeProvider clock)
{
    public const string PluginName = "transactions";

    /// <summary>Types that take money out of an account (the rest bring it in).</summary>
    internal static readonly TransactionType[] Outflows =
        [TransactionType.Debit, TransactionType.Transfer, TransactionType.Payment, TransactionType.Withdrawal, TransactionType.Fee];

    [KernelFunction("get_recent_transactions"), Description("Lists recent transactions, newest first, one page at a time. Pass next_cursor from the previous page to continue.")]
    public async Task<TransactionPage> GetRecentTransactionsAsync(
        [Description("Optional account (type, nickname, last four or placeholder); all accounts when omitted.")] string? account = null,
        [Description("How many days back to look (1-730). Default 30.")] int? days = null,
        [Description("Maximum transactions in this page. Default 20.")] int? limit = null,
        [Description("Optional status: completed, pending, failed, reversed or scheduled.")] string? status = null,
        [Description("The next_cursor of the previous page, to continue.")] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        var session = customer.Require();
        var span = days ?? 30;
        if (span is < 1 or > 730)
        {
            throw new ToolRefusalException("Please choose between 1 and 730 days.", "invalid_days");
        }
        var parsedStatus = ParseEnum<TransactionStatus>(status, "status");
        var after = Cursor.Decode(cursor);
        var pageSize = PageSize(limit);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (accounts, scope) = await ScopeAsync(db, session.CustomerId, account, cancellationToken).ConfigureAwait(false);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-span);
        var ids = scope.Select(a => a.AccountId).ToArray();
        var q = db.Transactions.AsNoTracking().Where(t => ids.Contains(t.AccountId) && t.InitiatedAt >= since);
        if (parsedStatus is { } st)
        {
            q = q.Where(t => t.Status == st);
        }
        return await NextPageAsync(q, after, pageSize, scope, accounts, cancellationToken).ConfigureAwait(false);
    }

    [KernelFunction("search_transactions"), Description("Searches the customer's transactions by text, merchant, amount range, date range and type.")]
    public async Task<TransactionPage> SearchTransactionsAsync(
        [Description("Words to find in the description or merchant.")] string? text = null,
        [Description("Merchant name, or part of it.")] string? merchant = null,
        [Description("Smallest amount in dollars.")] decimal? min_amount = null,
        [Description("Largest amount in dollars.")] decimal? max_amount = null,
        [Description("First day, yyyy-MM-dd. Default 90 days ago.")] string? from = null,
        [Description("Last day, yyyy-MM-dd. Default today.")] string? to = null,
        [Description("Type: debit, credit, transfer, payment, withdrawal, deposit, fee or interest.")] string? type = null,
        [Description("Optional account (type, nickname, last four or placeholder).")] string? account = null,
        [Description("Maximum results. Default 20.")] int? limit = null,
        [Description("The next_cursor of the previous page, to continue.")] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        var session = customer.Require();
        var (fromDay, toDay) = Range(from, to, 90);
        var parsedType = ParseEnum<TransactionType>(type, "type");
        if (min_amount is < 0 || max_amount is < 0 || (min_amount is { } lo && max_amount is { } hi && lo > hi))
        {
            throw new ToolRefusalException("The amount range isn't valid.", "invalid_amount_range");
        }
        var after = Cursor.Decode(cursor);
        var pageSize = PageSize(limit);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (accounts, scope) = await ScopeAsync(db, session.CustomerId, account, cancellationToken).ConfigureAwait(false);
        var ids = scope.Select(a => a.AccountId).ToArray();
        var start = fromDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = toDay.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var q = db.Transactions.AsNoTracking().Where(t => ids.Contains(t.AccountId) && t.InitiatedAt >= start && t.InitiatedAt < end);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = Like(text);
            q = q.Where(t => EF.Functions.ILike(t.Description!, pattern, "\\") || EF.Functions.ILike(t.MerchantName!, pattern, "\\"));
        }
        if (!string.IsNullOrWhiteSpace(merchant))
        {
            var pattern = Like(merchant);
            q = q.Where(t => EF.Functions.ILike(t.MerchantName!, pattern, "\\"));
        }
        if (min_amount is { } min)
        {
            q = q.Where(t => t.Amount >= min);
        }
        if (max_amount is { } max)
        {
            q = q.Where(t => t.Amount <= max);
        }
        if (parsedType is { } tt)
        {
            q = q.Where(t => t.TransactionType == tt);
        }
        return await NextPageAsync(q, after, pageSize, scope, accounts, cancellationToken).ConfigureAwait(false);
    }

    [KernelFunction("get_spending_summary"), Description("Totals the customer's spending (money out, completed) between two dates, grouped by merchant or by category.")]
    public async Task<SpendingSummary> GetSpendingSummaryAsync(
        [Description("First day, yyyy-MM-dd. Default 30 days ago.")] string? from = null,
        [Description("Last day, yyyy-MM-dd. Default today.")] string? to = null,
        [Description("merchant (default) or category.")] string? group_by = null,
        [Description("Optional account (type, nickname, last four or placeholder).")] string? account = null,
        CancellationToken cancellationToken = default)
    {
        var session = customer.Require();
        var (fromDay, toDay) = Range(from, to, 30);
        var byCategory = (group_by ?? "merchant").Trim().ToLowerInvariant() switch
        {
            "merchant" or "merchants" => false,
            "category" or "categories" => true,
            _ => throw new ToolRefusalException("I can group spending by merchant or by category.", "invalid_group_by"),
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (_, scope) = await ScopeAsync(db, session.CustomerId, account, cancellationToken).ConfigureAwait(false);
        var ids = scope.Select(a => a.AccountId).ToArray();
        var start = fromDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = toDay.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var q = db.Transactions.AsNoTracking().Where(t => ids.Contains(t.AccountId) && t.InitiatedAt >= start && t.InitiatedAt < end
            && t.Status == TransactionStatus.Completed && Outflows.Contains(t.TransactionType));
        var groups = byCategory
            ? await q.GroupBy(t => t.MerchantCategoryCode).Select(g => new { Key = g.Key, Total = g.Sum(t => t.Amount), Count = g.Count() }).ToListAsync(cancellationToken).ConfigureAwait(false)
            : await q.GroupBy(t => t.MerchantName).Select(g => new { Key = g.Key, Total = g.Sum(t => t.Amount), Count = g.Count() }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var list = groups.Select(g => new SpendingGroup(g.Key is null ? (byCategory ? "uncategorised" : "other (transfers, fees, cash)") : byCategory ? MerchantCategories.Name(g.Key) : g.Key, g.Total, g.Count))
            .OrderByDescending(g => g.Total).ToList();
        Describe(scope, list.Count);
        return new SpendingSummary(fromDay, toDay, byCategory ? "category" : "merchant", list.Sum(g => g.Total), list.Sum(g => g.Count), list);
    }

    private async Task<(IReadOnlyList<Account> All, IReadOnlyList<Account> Scope)> ScopeAsync(BankingDbContext db, Guid customerId, string? account, CancellationToken ct)
    {
        var all = await AccountResolver.OwnedBy(db, customerId).AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(account) ? (all, all) : (all, [AccountResolver.Resolve(all, account)]);
    }

    private int PageSize(int? limit)
    {
        var o = options.Value;
        var size = limit ?? o.DefaultPageSize;
        return size < 1 ? o.DefaultPageSize : Math.Min(size, o.MaxPageSize);
    }

    private (DateOnly From, DateOnly To) Range(string? from, string? to, int defaultDays)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var end = ParseDate(to, "to") ?? today;
        var start = ParseDate(from, "from") ?? end.AddDays(-defaultDays);
        if (start > end)
        {
            throw new ToolRefusalException("The start date is after the end date.", "invalid_date_range");
        }
        if (end.DayNumber - start.DayNumber > 3660)
        {
            throw new ToolRefusalException("Please choose a range of at most ten years.", "invalid_date_range");
        }
        return (start, end);
    }

    private static DateOnly? ParseDate(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return DateOnly.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : DateTime.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var dt) ? DateOnly.FromDateTime(dt)
            : throw new ToolRefusalException($"I couldn't read the {name} date; please use a date like 2026-01-31.", "invalid_date");
    }

    private static T? ParseEnum<T>(string? value, string name) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return Enum.TryParse<T>(value.Trim().Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new ToolRefusalException($"Unknown {name} '{value}'. Use one of: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.", $"invalid_{name}");
    }

    private static string Like(string text)
    {
        var escaped = text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        return $"%{escaped}%";
    }

    /// <summary>One keyset page, newest first: rows after the cursor, one extra to know whether more follow.</summary>
    private static async Task<TransactionPage> NextPageAsync(IQueryable<Transaction> q, (DateTime At, Guid Id)? after, int pageSize,
        IReadOnlyList<Account> scope, IReadOnlyList<Account> accounts, CancellationToken cancellationToken)
    {
        if (after is { } c)
        {
            q = q.Where(t => EF.Functions.LessThan(ValueTuple.Create(t.InitiatedAt, t.TransactionId), ValueTuple.Create(c.At, c.Id)));
        }
        var rows = await q.OrderByDescending(t => t.InitiatedAt).ThenByDescending(t => t.TransactionId)
            .Take(pageSize + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        Describe(scope, rows.Count);
        return Page(rows, pageSize, accounts);
    }

    private static TransactionPage Page(List<Transaction> rows, int pageSize, IReadOnlyList<Account> accounts)
    {
        var byId = accounts.ToDictionary(a => a.AccountId);
        string? next = null;
        if (rows.Count > pageSize)
        {
            rows.RemoveAt(rows.Count - 1);
            var last = rows[^1];
            next = Cursor.Encode(last.InitiatedAt, last.TransactionId);
        }
        return new TransactionPage(rows.Select(t => View(t, byId)).ToList(), next);
    }

    internal static TransactionView View(Transaction t, IReadOnlyDictionary<Guid, Account> accounts)
    {
        var account = accounts.TryGetValue(t.AccountId, out var a) ? AccountResolver.Display(a) : "account";
        string? counterparty = t.CounterpartyAccountId is { } cp
            ? accounts.TryGetValue(cp, out var own) ? $"your {AccountResolver.Display(own)}" : t.CounterpartyName ?? "another account"
            : t.CounterpartyName;
        var outflow = Outflows.Contains(t.TransactionType);
        return new TransactionView(t.TransactionId, account, t.InitiatedAt, t.TransactionType.ToString().ToLowerInvariant(), outflow ? "out" : "in",
            t.Amount, (t.Status ?? TransactionStatus.Pending).ToString().ToLowerInvariant(),
            t.Description is null ? null : AuditMasker.MaskDigits(t.Description), t.MerchantName,
            t.MerchantCategoryCode is null ? null : MerchantCategories.Name(t.MerchantCategoryCode), counterparty is null ? null : AuditMasker.MaskDigits(counterparty),
            t.ReferenceNumber);
    }

    private static void Describe(IReadOnlyList<Account> scope, int rows)
    {
        if (ToolInvocation.Current is { } inv)
        {
            inv.EntityType = scope.Count == 1 ? "account" : "customer";
            inv.EntityId = scope.Count == 1 ? scope[0].AccountId.ToString() : scope.FirstOrDefault()?.CustomerId.ToString() ?? "none";
            inv.NewValues = new { rows = Math.Min(rows, 500) };
        }
    }

    /// <summary>The opaque keyset cursor: (initiated_at, transaction_id) of the last row of a page.</summary>
    internal static class Cursor
    {
        public static string Encode(DateTime at, Guid id) =>
            Convert.ToBase64String(Encoding.ASCII.GetBytes($"{at.Ticks.ToString(CultureInfo.InvariantCulture)}:{id:N}"));

        public static (DateTime At, Guid Id)? Decode(string? cursor)
        {
            if (string.IsNullOrWhiteSpace(cursor))
            {
                return null;
            }
            try
            {
                var parts = Encoding.ASCII.GetString(Convert.FromBase64String(cursor.Trim())).Split(':');
                if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && Guid.TryParseExact(parts[1], "N", out var id)
                    && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks)
                {
                    return (new DateTime(ticks, DateTimeKind.Utc), id);
                }
            }
            catch (FormatException)
            {
            }
            throw new ToolRefusalException("That page reference isn't valid; ask for the first page again.", "invalid_cursor");
        }
    }
}
