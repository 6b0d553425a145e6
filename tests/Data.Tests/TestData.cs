using BankingLlm.Data.Entities;
using BankingLlm.Data.Seeding;

namespace BankingLlm.Data.Tests;

/// <summary>Valid rows to start from; each call gives unique e-mail, SSN and account numbers.</summary>
internal static class TestData
{
    private static int _counter = Random.Shared.Next(1000, 5000) * 1000;

    public static NewCustomer Person(DateOnly? dateOfBirth = null, string? ssn = null, string? email = null)
    {
        var n = Interlocked.Increment(ref _counter);
        return new NewCustomer("Test", "Person", email ?? $"test.person.{n}@example.com", dateOfBirth ?? new DateOnly(1980, 1, 1),
            ssn ?? $"9{n % 100_000_000:D8}", "1 Main St", "Springfield", "IL", "62704");
    }

    public static string AccountNumber(string prefix = "CHK") => $"{prefix}{Interlocked.Increment(ref _counter):D14}";

    public static Account Account(Customer owner, AccountType type = AccountType.Checking, decimal balance = 100m) =>
        CustomerFactory.NewAccount(owner, type, AccountNumber(), balance, new DateOnly(2020, 1, 1));
}
