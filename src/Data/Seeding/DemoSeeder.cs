using BankingLlm.Data.Entities;
using Bogus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BankingLlm.Data.Seeding;

/// <summary>
/// Demo data that starts in seconds: the demo customer Alice Moreno (fixed id <see cref="DemoCustomerId"/>) with
/// checking "Everyday", savings and a credit card, plus a few dozen generated customers with 90 days of history.
/// Deterministic (fixed random seed) so a demo looks the same every time. Does nothing if customers exist.
/// </summary>
public sealed class DemoSeeder(IDbContextFactory<BankingDbContext> contexts, CustomerFactory customers, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    public static readonly Guid DemoCustomerId = Guid.Parse("c0ffee00-0000-4000-8000-000000000001");

    public async Task<bool> SeedIfEmptyAsync(int extraCustomers = 40, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        if (await db.Customers.AnyAsync(ct).ConfigureAwait(false))
        {
            return false;
        }
        var random = new Randomizer(20261125);
        var faker = new Faker("en") { Random = random };
        var history = new HistoryGenerator(random);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var accountSeq = 0;
        string NextNumber(string prefix) => $"{prefix}{20261125:D8}{++accountSeq:D6}";

        var people = new List<(NewCustomer Person, bool IsDemo)>
        {
            (new NewCustomer("Alice", "Moreno", "alice.moreno@example.com", new DateOnly(1986, 4, 12), "900-12-3456",
                "742 Evergreen Terrace", "Springfield", "IL", "62704", Phone: "+1 415 555 0132", CustomerId: DemoCustomerId), true),
        };
        for (var i = 0; i < extraCustomers; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            people.Add((new NewCustomer(first, last, $"{first}.{last}.{i}@example.com".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal),
                DateOnly.FromDateTime(faker.Date.Past(50, now.AddYears(-19))), $"9{random.Int(10, 99)}-{random.Int(10, 99)}-{1000 + i:D4}",
                faker.Address.StreetAddress(), faker.Address.City(), faker.Address.StateAbbr(), faker.Address.ZipCode("#####"),
                Phone: faker.Phone.PhoneNumber("+1 ###-555-01##"),
                KycStatus: i % 10 == 9 ? KycStatus.Pending : KycStatus.Approved), false));
        }

        var accounts = 0;
        var transactions = 0;
        foreach (var (person, isDemo) in people)
        {
            var customer = customers.Create(person);
            db.Customers.Add(customer);
            var opened = today.AddYears(-random.Int(1, 8));
            var owned = new List<Account>
            {
                CustomerFactory.NewAccount(customer, AccountType.Checking, NextNumber("CHK"), 0m, opened, isDemo ? "Everyday" : null),
                CustomerFactory.NewAccount(customer, AccountType.Savings, NextNumber("SAV"), 0m, opened, isDemo ? "Rainy Day" : null),
            };
            if (isDemo || random.Bool(0.4f))
            {
                owned.Add(CustomerFactory.NewAccount(customer, AccountType.CreditCard, NextNumber("CCA"), 0m, opened));
            }
            foreach (var account in owned)
            {
                // Opening balance, then 90 days of history; the balance is what the history adds up to.
                var balance = account.AccountType switch
                {
                    AccountType.Checking => isDemo ? 1250m : random.Decimal(800m, 6000m),
                    AccountType.Savings => isDemo ? 5000m : random.Decimal(1000m, 25000m),
                    _ => 0m,
                };
                var rows = account.AccountType == AccountType.CreditCard ? [] : history.For(account, isDemo ? 60 : 25, now, 90).ToList();
                decimal Opening() => decimal.Round(balance - rows.Where(r => r.Status == TransactionStatus.Completed).Sum(HistoryGenerator.SignedAmount), 2);
                // More money came in than the balance allows: drop inflows, newest first, until the history fits.
                while (Opening() < 0m && rows.FindLastIndex(r => HistoryGenerator.SignedAmount(r) > 0) is var last and >= 0)
                {
                    rows.RemoveAt(last);
                }
                var opening = Opening();
                if (opening < 0m)
                {
                    balance -= opening;
                    opening = 0m;
                }
                account.Balance = balance;
                account.AvailableBalance = balance - rows.Where(r => r.Status == TransactionStatus.Pending).Where(r => HistoryGenerator.SignedAmount(r) < 0).Sum(r => r.Amount);
                if (account.AvailableBalance < 0m)
                {
                    account.AvailableBalance = 0m;
                }
                account.PendingBalance = rows.Where(r => r.Status == TransactionStatus.Pending).Sum(HistoryGenerator.SignedAmount);
                db.Accounts.Add(account);
                if (opening >= 0.01m)
                {
                    db.Transactions.Add(new Transaction
                    {
                        TransactionId = Guid.CreateVersion7(),
                        AccountId = account.AccountId,
                        TransactionType = TransactionType.Deposit,
                        Amount = Math.Min(opening, 999_999.99m),
                        CurrencyCode = "USD",
                        Status = TransactionStatus.Completed,
                        InitiatedAt = now.AddDays(-91),
                        ProcessedAt = now.AddDays(-91),
                        Description = "Opening balance",
                    });
                    transactions++;
                }
                db.Transactions.AddRange(rows);
                transactions += rows.Count;
                accounts++;
            }
        }
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        DataLog.Seeded(logger, people.Count, accounts, transactions);
        return true;
    }
}
