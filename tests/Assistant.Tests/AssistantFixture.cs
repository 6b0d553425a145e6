using BankingLlm.Data;
using BankingLlm.Data.Entities;
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
    public Task<(Customer Customer, Account Checking, Account Savings)> NewCustomerAsync(
        decimal checking = 1250m, decimal savings = 5000m, KycStatus kyc = KycStatus.Approved, Action<BankingDbContext, Account>? history = null) =>
        TestCustomers.CreateAsync(Services, checking, savings, kyc, history);

    public async Task<decimal> BalanceAsync(Guid accountId)
    {
        await using var db = await Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        return await db.Accounts.Where(a => a.AccountId == accountId).Select(a => a.Balance).SingleAsync();
    }
}
