using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Data.Seeding;
using BankingLlm.TestSupport;
using BankingLlm.Tools;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BankingLlm.Assistant.Tests;

/// <summary>A migrated database with the whole assistant wired as in production (offline model by default).</summary>
public sealed class AssistantFixture : DataFixture, IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => InitializeAsync(configure: Configure);

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public static void Configure(IHostApplicationBuilder builder)
    {
        builder.AddPiiGuard();
        builder.AddBankingTools();
        builder.AddAssistantAgent();
    }

    /// <summary>A fresh customer with checking "Everyday" and savings, as transcripts set them up.</summary>
    public async Task<(Customer Customer, Account Checking, Account Savings)> NewCustomerAsync(
        decimal checking = 1250m, decimal savings = 5000m, KycStatus kyc = KycStatus.Approved, Action<BankingDbContext, Account>? history = null)
    {
        var n = Interlocked.Increment(ref _counter);
        var customer = Get<CustomerFactory>().Create(new NewCustomer("Alice", "Moreno", $"alice.{n}.{Guid.NewGuid():N}@example.com",
            new DateOnly(1986, 4, 12), $"9{Random.Shared.Next(10_000_000, 99_999_999)}", "742 Evergreen Terrace", "Springfield", "IL", "62704", KycStatus: kyc));
        var check = CustomerFactory.NewAccount(customer, AccountType.Checking, $"CHK{Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999)}", checking, new DateOnly(2020, 1, 1), "Everyday");
        var save = CustomerFactory.NewAccount(customer, AccountType.Savings, $"SAV{Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999)}", savings, new DateOnly(2020, 1, 1));
        await using var db = await Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        db.Customers.Add(customer);
        db.Accounts.AddRange(check, save);
        history?.Invoke(db, check);
        await db.SaveChangesAsync();
        return (customer, check, save);
    }

    public async Task<decimal> BalanceAsync(Guid accountId)
    {
        await using var db = await Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        return await db.Accounts.Where(a => a.AccountId == accountId).Select(a => a.Balance).SingleAsync();
    }

    private static int _counter;
}
