using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Data.Seeding;
using BankingLlm.Tools.Kernel;
using BankingLlm.Tools.Scope;
using BankingLlm.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace BankingLlm.Tools.Tests.Support;

/// <summary>A migrated database with the data and tools services, a manual clock, and helpers to open customers and call tools through a real Kernel.</summary>
public class ToolsFixture : DataFixture, IAsyncLifetime
{
    /// <summary>10:00 in New York on a Wednesday: far from business-day edges.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);

    private int _counter = Random.Shared.Next(1000, 9000) * 10_000;

    public ManualClock Clock { get; } = new(Start);

    /// <summary>Counts every function invocation that enters the kernel (outermost filter).</summary>
    public InvocationCounter Invocations { get; } = new();

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Tools:DailyTransferLimit"] = "1000000",
        ["Tools:DailyExternalTransferLimit"] = "100000",
        ["Tools:VelocityMaxTransfers"] = "10000",
    };

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync(configure: builder =>
    {
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.AddBankingTools();
    });

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Audit rows written for tool calls (not the cash channel's, not staff review's).</summary>
    public Task<int> ToolAuditRowsAsync() =>
        DbAsync(db => db.AuditLogs.CountAsync(a => a.ServiceAccount != "staff-cli" && !EF.Functions.JsonContains(a.ChangesSummary!, """{"outcome": "posted"}""")));

    /// <summary>A kernel as the agent builds it: its filters first, then the banking plugins and the audit filter.</summary>
    public Microsoft.SemanticKernel.Kernel Kernel()
    {
        var kernel = new Microsoft.SemanticKernel.Kernel();
        kernel.FunctionInvocationFilters.Add(Invocations);
        return kernel.AddBankingTools(Services);
    }

    public async Task<Customer> CustomerAsync(KycStatus kyc = KycStatus.Approved, AmlStatus aml = AmlStatus.Clear, params (AccountType Type, decimal Balance, string? Nickname)[] accounts)
    {
        var n = Interlocked.Increment(ref _counter);
        var factory = Get<CustomerFactory>();
        var customer = factory.Create(new NewCustomer("Test", $"Customer{n}", $"tools.{n}@example.com", new DateOnly(1980, 1, 1), $"9{n % 100_000_000:D8}",
            "1 Main St", "Springfield", "IL", "62704", KycStatus: kyc, AmlStatus: aml));
        await using var db = await Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        db.Customers.Add(customer);
        foreach (var (type, balance, nickname) in accounts.Length > 0 ? accounts : [(AccountType.Checking, 1000m, "Everyday"), (AccountType.Savings, 5000m, null)])
        {
            var prefix = type switch { AccountType.Checking => "CHK", AccountType.Savings => "SAV", AccountType.CreditCard => "CCA", AccountType.Loan => "LON", _ => "ACC" };
            db.Accounts.Add(CustomerFactory.NewAccount(customer, type, $"{prefix}{Interlocked.Increment(ref _counter):D14}", balance, new DateOnly(2020, 1, 1), nickname));
        }
        await db.SaveChangesAsync();
        return customer;
    }

    public async Task<List<Account>> AccountsAsync(Guid customerId)
    {
        await using var db = await Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        return await db.Accounts.AsNoTracking().Where(a => a.CustomerId == customerId).OrderBy(a => a.AccountNumber).ToListAsync();
    }

    public async Task<T> DbAsync<T>(Func<BankingDbContext, Task<T>> query)
    {
        await using var db = await Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>Calls a tool as the given customer, in a turn with a fresh request id.</summary>
    public async Task<object?> CallAsync(Guid customerId, string plugin, string function, KernelArguments? args = null, string? requestId = null, Microsoft.SemanticKernel.Kernel? kernel = null)
    {
        using var scope = CustomerScope.Begin(new CustomerSession(customerId, null, requestId ?? Guid.NewGuid().ToString("N"), ChatChannel.Web));
        var result = await (kernel ?? Kernel()).InvokeAsync(plugin, function, args ?? []);
        return result.GetValue<object>();
    }
}

public sealed class InvocationCounter : IFunctionInvocationFilter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        Interlocked.Increment(ref _count);
        await next(context);
    }
}
