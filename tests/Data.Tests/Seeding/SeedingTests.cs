using BankingLlm.Data.Entities;
using BankingLlm.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Data.Tests.Seeding;

public sealed class SeedingTests
{
    [Fact]
    public async Task Demo_data_has_the_demo_customer_with_consistent_non_negative_balances_and_is_seeded_once()
    {
        await using var db = new DatabaseFixture();
        await db.InitializeAsync();
        var seeder = db.Get<DemoSeeder>();
        Assert.True(await seeder.SeedIfEmptyAsync(extraCustomers: 5));
        Assert.False(await seeder.SeedIfEmptyAsync(extraCustomers: 5));

        await using var ctx = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        Assert.Equal(6, await ctx.Customers.CountAsync());
        var alice = await ctx.Customers.Include(c => c.Accounts).SingleAsync(c => c.CustomerId == DemoSeeder.DemoCustomerId);
        Assert.Equal("Alice", alice.FirstName);
        var checking = alice.Accounts.Single(a => a.AccountType == AccountType.Checking);
        Assert.Equal("Everyday", checking.Nickname);
        Assert.Equal(1250m, checking.Balance);

        // Each deposit account's balance is what its completed history adds up to.
        foreach (var account in await ctx.Accounts.Where(a => a.AccountType != AccountType.CreditCard).ToListAsync())
        {
            var rows = await ctx.Transactions.Where(t => t.AccountId == account.AccountId && t.Status == TransactionStatus.Completed).ToListAsync();
            Assert.Equal(account.Balance, rows.Sum(HistoryGenerator.SignedAmount));
            Assert.True(account.Balance >= 0m);
        }
    }

    [Fact]
    public async Task Bulk_seed_writes_the_requested_rows_with_copy_and_twice_does_not_collide()
    {
        await using var db = new DatabaseFixture();
        await db.InitializeAsync();
        var bulk = db.Get<BulkSeeder>();
        var first = await bulk.SeedAsync(50, 2_000);
        Assert.Equal(50, first.Customers);
        Assert.Equal(2_000, first.Transactions);
        var second = await bulk.SeedAsync(10, 100, randomSeed: 7);

        await using var ctx = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        Assert.Equal(60, await ctx.Customers.CountAsync());
        Assert.Equal(2_100, await ctx.Transactions.LongCountAsync());
        Assert.Equal(first.Accounts + second.Accounts, await ctx.Accounts.CountAsync());
        // Rows written by COPY read back through EF: enums, decimals and timestamps intact.
        var sample = await ctx.Transactions.OrderBy(t => t.InitiatedAt).FirstAsync();
        Assert.InRange(sample.Amount, 0.01m, 999_999.99m);
        Assert.Equal(DateTimeKind.Utc, sample.InitiatedAt.Kind);
    }
}
