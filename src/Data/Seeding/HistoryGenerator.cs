using BankingLlm.Data.Entities;
using Bogus;

namespace BankingLlm.Data.Seeding;

/// <summary>Realistic card and account history: merchants with their category codes, payroll, bills, ATM cash.</summary>
public sealed class HistoryGenerator(Randomizer random)
{
    private static readonly (string Name, string Mcc, decimal Min, decimal Max)[] Merchants =
    [
        ("Blue Bottle Coffee", "5814", 3.50m, 14m), ("Whole Foods Market", "5411", 12m, 240m), ("Trader Joe's", "5411", 9m, 160m),
        ("Shell", "5541", 20m, 85m), ("Chevron", "5541", 18m, 90m), ("Amazon", "5942", 6m, 320m), ("Netflix", "4899", 15.49m, 22.99m),
        ("Spotify", "4899", 11.99m, 16.99m), ("Uber", "4121", 8m, 65m), ("Lyft", "4121", 7m, 58m), ("Target", "5310", 10m, 210m),
        ("Costco", "5300", 35m, 420m), ("Home Depot", "5200", 11m, 380m), ("CVS Pharmacy", "5912", 4m, 75m),
        ("Delta Air Lines", "3058", 120m, 780m), ("Marriott", "3509", 140m, 620m), ("Chipotle", "5814", 9m, 32m),
        ("PG&E", "4900", 60m, 240m), ("Comcast", "4899", 70m, 160m), ("Planet Fitness", "7997", 10m, 25m),
    ];

    public IEnumerable<Transaction> For(Account account, int count, DateTime nowUtc, int spanDays)
    {
        for (var i = 0; i < count; i++)
        {
            var when = nowUtc.AddMinutes(-random.Int(0, spanDays * 24 * 60));
            yield return Next(account.AccountId, account.AccountType, when);
        }
    }

    public Transaction Next(Guid accountId, AccountType type, DateTime when)
    {
        var roll = random.Int(0, 99);
        var t = new Transaction
        {
            TransactionId = Guid.CreateVersion7(),
            AccountId = accountId,
            CurrencyCode = "USD",
            InitiatedAt = when,
            ProcessedAt = when.AddSeconds(random.Int(1, 7200)),
            SettlementDate = DateOnly.FromDateTime(when.AddDays(1)),
            Status = roll < 96 ? TransactionStatus.Completed : roll < 98 ? TransactionStatus.Pending : TransactionStatus.Failed,
            TransactionFee = 0m,
            CreatedAt = when,
            UpdatedAt = when,
        };
        if (type == AccountType.Savings || type == AccountType.MoneyMarket)
        {
            var interest = roll < 30;
            t.TransactionType = interest ? TransactionType.Interest : TransactionType.Deposit;
            t.Amount = interest ? random.Decimal(0.50m, 40m) : random.Decimal(50m, 1500m);
            t.Description = interest ? "Monthly interest" : "Deposit";
        }
        else if (roll < 8)
        {
            t.TransactionType = TransactionType.Deposit;
            t.Amount = random.Decimal(1200m, 4200m);
            t.CounterpartyName = "Payroll - Acme Corp";
            t.Description = "Direct deposit";
        }
        else if (roll < 12)
        {
            t.TransactionType = TransactionType.Withdrawal;
            t.Amount = random.ArrayElement([20m, 40m, 60m, 100m, 200m]);
            t.Description = "ATM cash withdrawal";
            t.Metadata = """{"cash": true}""";
        }
        else
        {
            var m = random.ArrayElement(Merchants);
            t.TransactionType = TransactionType.Debit;
            t.Amount = random.Decimal(m.Min, m.Max);
            t.MerchantName = m.Name;
            t.MerchantCategoryCode = m.Mcc;
            t.Description = $"Card purchase {m.Name}";
        }
        t.Amount = decimal.Round(t.Amount, 2);
        if (t.Amount < 0.01m)
        {
            t.Amount = 0.01m;
        }
        return t;
    }

    /// <summary>+amount for money in, -amount for money out.</summary>
    public static decimal SignedAmount(Transaction t) => t.TransactionType switch
    {
        TransactionType.Deposit or TransactionType.Credit or TransactionType.Interest => t.Amount,
        _ => -t.Amount,
    };
}
