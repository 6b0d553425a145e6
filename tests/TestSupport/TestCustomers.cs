using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BankingLlm.TestSupport;

/// <summary>A fresh customer with checking "Everyday" ($1,250.00) and savings ($5,000.00), as transcripts set them up.</summary>
public static class TestCustomers
{
    public static async Task<(Customer Customer, Account Checking, Account Savings)> CreateAsync(
        IServiceProvider services, decimal checking = 1250m, decimal savings = 5000m, KycStatus kyc = KycStatus.Approved, Action<BankingDbContext, Account>? history = null)
    {
        var customer = services.GetRequiredService<CustomerFactory>().Create(new NewCustomer("Alice", "Moreno", $"alice.{Guid.NewGuid():N}@example.com",
            new DateOnly(1986, 4, 12), $"9{Random.Shared.Next(10_000_000, 99_999_999)}", "742 Evergreen Terrace", "Springfield", "IL", "62704", KycStatus: kyc));
        var check = CustomerFactory.NewAccount(customer, AccountType.Checking, $"CHK{Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999)}", checking, new DateOnly(2020, 1, 1), "Everyday");
        var save = CustomerFactory.NewAccount(customer, AccountType.Savings, $"SAV{Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999)}", savings, new DateOnly(2020, 1, 1));
        await using var db = await services.GetRequiredService<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        db.Customers.Add(customer);
        db.Accounts.AddRange(check, save);
        history?.Invoke(db, check);
        await db.SaveChangesAsync();
        return (customer, check, save);
    }
}
