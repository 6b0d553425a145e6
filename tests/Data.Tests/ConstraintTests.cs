using BankingLlm.Data.Entities;
using BankingLlm.Data.Seeding;
using BankingLlm.Data.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BankingLlm.Data.Tests;

public sealed class ConstraintTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly CustomerFactory _customers = db.Get<CustomerFactory>();

    private async Task<PostgresException> SaveFailsAsync(Action<BankingDbContext> change)
    {
        await using var ctx = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        change(ctx);
        var ex = await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync());
        return Assert.IsType<PostgresException>(ex.InnerException);
    }

    private async Task<Customer> SavedCustomerAsync()
    {
        await using var ctx = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        var customer = _customers.Create(TestData.Person());
        ctx.Customers.Add(customer);
        await ctx.SaveChangesAsync();
        return customer;
    }

    [Fact]
    public async Task A_customer_under_18_is_refused_by_age_check()
    {
        var seventeen = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-17);
        var ex = await SaveFailsAsync(ctx => ctx.Customers.Add(_customers.Create(TestData.Person(dateOfBirth: seventeen))));
        Assert.Equal(PostgresErrorCodes.CheckViolation, ex.SqlState);
        Assert.Equal("age_check", ex.ConstraintName);
    }

    [Fact]
    public async Task A_customer_of_exactly_18_is_accepted()
    {
        await using var ctx = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        var eighteen = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-18);
        ctx.Customers.Add(_customers.Create(TestData.Person(dateOfBirth: eighteen)));
        Assert.Equal(1, await ctx.SaveChangesAsync());
    }

    [Fact]
    public async Task A_negative_checking_balance_is_refused_but_a_credit_card_may_be_negative()
    {
        var owner = await SavedCustomerAsync();
        var ex = await SaveFailsAsync(ctx => ctx.Accounts.Add(TestData.Account(owner, AccountType.Checking, -0.01m)));
        Assert.Equal("balance_check", ex.ConstraintName);

        await using var ctx = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        ctx.Accounts.Add(TestData.Account(owner, AccountType.CreditCard, -250m));
        Assert.Equal(1, await ctx.SaveChangesAsync());
    }

    [Fact]
    public async Task A_joint_account_needs_a_second_owner_and_an_individual_one_must_not_have_one()
    {
        var owner = await SavedCustomerAsync();
        var partner = await SavedCustomerAsync();

        var joint = await SaveFailsAsync(ctx =>
        {
            var a = TestData.Account(owner);
            a.OwnershipType = OwnershipType.Joint;
            ctx.Accounts.Add(a);
        });
        Assert.Equal("joint_account_check", joint.ConstraintName);

        var individual = await SaveFailsAsync(ctx =>
        {
            var a = TestData.Account(owner);
            a.SecondaryOwner = partner.CustomerId;
            ctx.Accounts.Add(a);
        });
        Assert.Equal("joint_account_check", individual.ConstraintName);

        await using var ok = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        var good = TestData.Account(owner);
        good.OwnershipType = OwnershipType.Joint;
        good.SecondaryOwner = partner.CustomerId;
        ok.Accounts.Add(good);
        Assert.Equal(1, await ok.SaveChangesAsync());
    }

    [Fact]
    public async Task A_duplicate_email_is_refused()
    {
        var first = await SavedCustomerAsync();
        var ex = await SaveFailsAsync(ctx => ctx.Customers.Add(_customers.Create(TestData.Person(email: first.Email))));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, ex.SqlState);
        Assert.Equal("idx_customers_email", ex.ConstraintName);
    }

    [Fact]
    public async Task The_same_ssn_under_a_second_customer_hits_the_unique_hash()
    {
        const string ssn = "912-44-0917";
        await using (var ctx = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync())
        {
            ctx.Customers.Add(_customers.Create(TestData.Person(ssn: ssn)));
            await ctx.SaveChangesAsync();
        }
        // Written differently, the same nine digits: the normalised hash is the same.
        var ex = await SaveFailsAsync(ctx => ctx.Customers.Add(_customers.Create(TestData.Person(ssn: "912 44 0917"))));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, ex.SqlState);
        Assert.Equal("idx_customers_ssn_hash", ex.ConstraintName);
    }

    [Theory]
    [InlineData("0.00")]
    [InlineData("1000000.00")]
    [InlineData("-5.00")]
    [InlineData("10.005")]
    public async Task An_invalid_amount_is_refused_by_the_validator_on_the_ef_write_path(string amount)
    {
        var owner = await SavedCustomerAsync();
        var account = TestData.Account(owner);
        await using var ctx = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        ctx.Accounts.Add(account);
        await ctx.SaveChangesAsync();
        ctx.Transactions.Add(new Transaction { AccountId = account.AccountId, TransactionType = TransactionType.Debit, Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) });
        var ex = await Assert.ThrowsAsync<DataValidationException>(() => ctx.SaveChangesAsync());
        Assert.Equal("amount", ex.Field);
        Assert.Empty(await ctx.Transactions.AsNoTracking().Where(t => t.AccountId == account.AccountId).ToListAsync());
    }

    [Theory]
    [InlineData("0.00", false)]
    [InlineData("0.01", true)]
    [InlineData("999999.99", true)]
    [InlineData("1000000.00", false)]
    public async Task The_database_itself_enforces_the_amount_range(string amount, bool accepted)
    {
        var owner = await SavedCustomerAsync();
        var account = TestData.Account(owner);
        await using (var ctx = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync())
        {
            ctx.Accounts.Add(account);
            await ctx.SaveChangesAsync();
        }
        await using var conn = await db.Get<NpgsqlDataSource>().OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("INSERT INTO transactions (account_id, transaction_type, amount) VALUES ($1, 'debit', $2::numeric)", conn)
        {
            Parameters = { new() { Value = account.AccountId }, new() { Value = amount } },
        };
        if (accepted)
        {
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }
        else
        {
            var ex = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            Assert.Equal("transactions_amount_check", ex.ConstraintName);
        }
    }

    [Fact]
    public async Task An_invalid_email_or_account_number_is_refused_before_reaching_the_database()
    {
        Assert.Throws<DataValidationException>(() => _customers.Create(TestData.Person(email: "not-an-email")));
        var owner = await SavedCustomerAsync();
        await using var ctx = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        var account = TestData.Account(owner);
        account.AccountNumber = "CHK-1234-5678-9012";
        ctx.Accounts.Add(account);
        var ex = await Assert.ThrowsAsync<DataValidationException>(() => ctx.SaveChangesAsync());
        Assert.Equal("account_number", ex.Field);
    }
}
