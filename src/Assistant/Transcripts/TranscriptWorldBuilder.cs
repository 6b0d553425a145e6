using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>
/// Creates a transcript's customer, accounts, history and compliance events through the product's data layer
/// (CustomerFactory: validated, SSN encrypted and hashed; the validation interceptor on every row). Each replay gets a
/// fresh customer; values a transcript does not give are derived from the transcript's name, so the same file
/// always produces the same account numbers (what makes recorded model responses replayable).
/// </summary>
public sealed class TranscriptWorldBuilder(IDbContextFactory<BankingDbContext> contexts, CustomerFactory customers, TimeProvider clock)
{
    public async Task<TranscriptWorld> CreateAsync(Transcript transcript, CancellationToken ct)
    {
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(transcript.Name + "\n" + Path.GetFileName(transcript.File)));
        var unique = Guid.NewGuid().ToString("N")[..12];
        var c = transcript.Given.Customer;
        // The SSN is unique per customer (ssn_hash); the model never sees it, so it may differ between runs.
        var ssn = c.Ssn ?? "9" + Digits(RandomNumberGenerator.GetBytes(8), 0, 8);
        var email = c.Email ?? $"{Slug(c.FirstName)}.{Slug(c.LastName)}.{unique}@example.com";
        var customer = customers.Create(new NewCustomer(c.FirstName, c.LastName, email, new DateOnly(1986, 4, 12), ssn,
            c.StreetAddress ?? $"{100 + (seed[4] % 800)} Evergreen Terrace", c.City ?? "Springfield", c.State ?? "IL", c.PostalCode ?? "62704",
            Phone: c.Phone, KycStatus: c.KycStatus, AmlStatus: c.AmlStatus));
        customer.Status = c.Status;
        customer.PepStatus = c.PepStatus;
        customer.RiskLevel = c.RiskLevel;

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var accounts = new List<Account>();
        for (var i = 0; i < transcript.Given.Accounts.Count; i++)
        {
            var a = transcript.Given.Accounts[i];
            // Last four from the transcript (stable across runs), the rest random (unique in the database).
            var number = a.Number ?? Prefix(a.Type) + Digits(RandomNumberGenerator.GetBytes(16), 0, 9) + Digits(seed, 8 + (i * 2) % 20, 4);
            var account = CustomerFactory.NewAccount(customer, a.Type, number, a.Balance, today.AddDays(-(a.OpenedDaysAgo ?? 900)), a.Nickname);
            account.AvailableBalance = a.AvailableBalance ?? a.Balance;
            account.Status = a.Status;
            if (a.Status == AccountStatus.Closed)
            {
                account.ClosedDate = today.AddDays(-1);
            }
            account.InterestRate = a.InterestRate ?? account.InterestRate;
            account.CreditLimit = a.CreditLimit ?? account.CreditLimit;
            account.OverdraftProtection = a.OverdraftProtection ?? account.OverdraftProtection;
            accounts.Add(account);
        }

        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        db.Customers.Add(customer);
        db.Accounts.AddRange(accounts);
        var order = 0;
        foreach (var t in transcript.Given.Transactions)
        {
            // Newest last: equal days_ago keep their order by a few seconds.
            var when = now.AddDays(-(double)t.DaysAgo).AddSeconds(-(transcript.Given.Transactions.Count - order++) * 10);
            var merchant = t.Merchant;
            db.Transactions.Add(new Transaction
            {
                TransactionId = Guid.CreateVersion7(),
                AccountId = accounts[t.AccountIndex].AccountId,
                TransactionType = t.Type,
                Amount = t.Amount,
                CurrencyCode = "USD",
                MerchantName = merchant,
                MerchantCategoryCode = t.MerchantCategoryCode,
                CounterpartyName = t.Counterparty,
                Status = t.Status,
                InitiatedAt = when,
                ProcessedAt = t.Status == TransactionStatus.Completed ? when.AddMinutes(1) : null,
                SettlementDate = DateOnly.FromDateTime(when.AddDays(1)),
                TransactionFee = 0m,
                ReferenceNumber = "TXN" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
                Description = t.Description ?? (merchant is not null ? $"Card purchase {merchant}" : t.Cash ? (t.Type == TransactionType.Deposit ? "Cash deposit" : "Cash withdrawal") : null),
                Metadata = t.Cash ? JsonSerializer.Serialize(new { cash = true }) : null,
                CreatedAt = when,
                UpdatedAt = when,
            });
        }
        foreach (var e in transcript.Given.ComplianceEvents)
        {
            var when = now.AddDays(-(double)e.DaysAgo);
            db.ComplianceEvents.Add(new ComplianceEvent
            {
                EventId = Guid.CreateVersion7(),
                EventType = e.EventType,
                CustomerId = customer.CustomerId,
                AccountId = e.AccountIndex is { } ai ? accounts[ai].AccountId : null,
                Severity = e.Severity,
                Status = e.Status,
                Description = e.Description ?? "Given by a QA transcript",
                SarFiled = e.SarFiled,
                SarDate = e.SarFiled ? DateOnly.FromDateTime(when) : null,
                DetectedAt = when,
                CreatedAt = when,
            });
        }
        await db.SaveChangesAsync(ct).ConfigureAwait(false);

        // Values that must never leave the bank in clear: the automatic PII check looks for them everywhere.
        var secrets = new List<string> { ssn, email };
        if (c.Phone is not null)
        {
            secrets.Add(c.Phone);
        }
        secrets.Add(customer.StreetAddress);
        secrets.AddRange(accounts.Select(a => a.AccountNumber));
        return new TranscriptWorld(customer.CustomerId, [.. accounts.Select(a => a.AccountId)], secrets);
    }

    private static string Prefix(AccountType type) => type switch
    {
        AccountType.Checking => "CHK",
        AccountType.Savings => "SAV",
        AccountType.MoneyMarket => "MMA",
        AccountType.CreditCard => "CRD",
        AccountType.Loan => "LON",
        _ => "INV",
    };

    private static string Digits(byte[] bytes, int offset, int count)
    {
        var builder = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            builder.Append((char)('0' + (bytes[(offset + i) % bytes.Length] % 10)));
        }
        return builder.ToString();
    }

    private static string Slug(string s)
    {
        var slug = new string([.. s.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return slug.Length == 0 ? "customer" : slug;
    }
}

/// <summary>A transcript's customer and accounts (in the order given), and the raw values that must never leak.</summary>
public sealed record TranscriptWorld(Guid CustomerId, IReadOnlyList<Guid> AccountIds, IReadOnlyList<string> Secrets);
