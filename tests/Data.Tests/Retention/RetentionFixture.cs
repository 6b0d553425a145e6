using BankingLlm.Data.Entities;
using BankingLlm.Data.Retention;
using BankingLlm.Data.Seeding;
using BankingLlm.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BankingLlm.Data.Tests.Retention;

/// <summary>A fresh migrated database on a fixed clock, with helpers that write rows of a given age.</summary>
internal sealed class RetentionFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly DataFixture _data = new();

    public FixedClock Clock { get; } = new(Now);
    public DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => DateOnly.FromDateTime(UtcNow);
    public Customer Customer { get; private set; } = null!;
    public Account Account { get; private set; } = null!;

    public static async Task<RetentionFixture> CreateAsync()
    {
        var f = new RetentionFixture();
        await f._data.InitializeAsync(configure: b => b.Services.AddSingleton<TimeProvider>(f.Clock));
        f.Customer = f.Get<CustomerFactory>().Create(TestData.Person());
        f.Account = TestData.Account(f.Customer);
        await f.SaveAsync(db => db.AddRange(f.Customer, f.Account));
        return f;
    }

    public T Get<T>() where T : notnull => _data.Get<T>();

    public RetentionJob Job => Get<RetentionJob>();

    public async Task SaveAsync(Action<BankingDbContext> add)
    {
        await using var db = await Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        add(db);
        await db.SaveChangesAsync();
    }

    /// <summary>A session last active at <paramref name="lastActivity"/>, with two messages, a vault row and a pending action.</summary>
    public async Task<Guid> SessionAsync(DateTime lastActivity)
    {
        var id = Guid.CreateVersion7();
        await SaveAsync(db =>
        {
            db.ChatSessions.Add(new ChatSession { SessionId = id, CustomerId = Customer.CustomerId, StartedAt = lastActivity.AddMinutes(-5), LastActivityAt = lastActivity, Language = "en" });
            db.ChatMessages.Add(new ChatMessage { SessionId = id, Sequence = 1, Role = ChatMessageRole.User, MaskedText = "My SSN is [SSN_1]", CreatedAt = lastActivity });
            db.ChatMessages.Add(new ChatMessage { SessionId = id, Sequence = 2, Role = ChatMessageRole.Assistant, MaskedText = "Thanks.", CreatedAt = lastActivity });
            db.PiiVault.Add(new PiiVaultEntry { SessionId = id, Ciphertext = [1, 0, 0, 0, 1, 9, 9], UpdatedAt = lastActivity });
            db.PendingActions.Add(new PendingAction
            {
                CustomerId = Customer.CustomerId, SessionId = id, Kind = "internal_transfer", Status = PendingActionStatus.Expired,
                FromAccountId = Account.AccountId, Amount = 10m, Summary = "Move $10.00", CreatedAt = lastActivity, ExpiresAt = lastActivity.AddMinutes(5),
            });
        });
        return id;
    }

    public async Task<Guid> PiiDetectionAsync(DateTime detectedAt)
    {
        var id = Guid.CreateVersion7();
        await SaveAsync(db => db.PiiDetectionResults.Add(new PiiDetectionResult
        {
            ResultId = id, SourceType = PiiSourceType.Chat, PiiType = PiiType.Ssn, DetectedValueHash = "k1:abc", ConfidenceScore = 0.9m, DetectedAt = detectedAt,
        }));
        return id;
    }

    public async Task<Guid> TransactionAsync(DateTime initiatedAt, Account? account = null, string description = "Coffee")
    {
        var id = Guid.CreateVersion7();
        await SaveAsync(db => db.Transactions.Add(new Transaction
        {
            TransactionId = id, AccountId = (account ?? Account).AccountId, TransactionType = TransactionType.Debit, Amount = 4.25m,
            Status = TransactionStatus.Completed, InitiatedAt = initiatedAt, ProcessedAt = initiatedAt, Description = description,
        }));
        return id;
    }

    public async Task<Account> ClosedAccountAsync(DateOnly closedOn)
    {
        var account = TestData.Account(Customer);
        account.Status = AccountStatus.Closed;
        account.ClosedDate = closedOn;
        account.Balance = 0m;
        account.AvailableBalance = 0m;
        await SaveAsync(db => db.Accounts.Add(account));
        return account;
    }

    public async Task<Guid> ComplianceEventAsync(DateTime detectedAt, Guid? accountId = null, Guid? transactionId = null)
    {
        var id = Guid.CreateVersion7();
        await SaveAsync(db => db.ComplianceEvents.Add(new ComplianceEvent
        {
            EventId = id, EventType = ComplianceEventType.TransactionMonitoring, CustomerId = Customer.CustomerId,
            AccountId = accountId, TransactionId = transactionId, DetectedAt = detectedAt, CreatedAt = detectedAt,
        }));
        return id;
    }

    public async Task<Guid> AuditLogAsync(DateTime createdAt)
    {
        var id = Guid.CreateVersion7();
        await SaveAsync(db => db.AuditLogs.Add(new AuditLog
        {
            LogId = id, Action = AuditAction.Read, EntityType = "tool", EntityId = "test", CreatedAt = createdAt, CustomerId = Customer.CustomerId,
        }));
        return id;
    }

    public async Task<long> CountAsync(string sql, params object[] args)
    {
        await using var cmd = Get<NpgsqlDataSource>().CreateCommand(sql);
        foreach (var a in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        }
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecAsync(string sql)
    {
        await using var cmd = Get<NpgsqlDataSource>().CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    public static readonly string[] LiveTables =
        ["chat_sessions", "chat_messages", "pii_vault", "pending_actions", "pii_detection_results", "transactions", "accounts", "compliance_events", "audit_logs"];

    public static readonly string[] ArchiveTables = ["chat_sessions", "chat_messages", "pending_actions", "transactions", "accounts"];

    /// <summary>Row counts of every live and archive table, keyed "public.x" / "archive.x".</summary>
    public async Task<Dictionary<string, long>> TotalsAsync()
    {
        var totals = new Dictionary<string, long>();
        foreach (var t in LiveTables)
        {
            totals["public." + t] = await CountAsync($"SELECT count(*) FROM public.{t}");
        }
        foreach (var t in ArchiveTables)
        {
            totals["archive." + t] = await CountAsync($"SELECT count(*) FROM archive.{t}");
        }
        return totals;
    }

    public ValueTask DisposeAsync() => _data.DisposeAsync();
}
