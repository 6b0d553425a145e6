using System.Globalization;
using BankingLlm.Data.Entities;
using BankingLlm.Data.Security;
using BankingLlm.Data.Validation;
using Bogus;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace BankingLlm.Data.Seeding;

/// <summary>
/// Builds a large database for benchmarks with binary COPY (about 10 million transactions in minutes, not hours).
/// Customers get 1-3 accounts; transactions spread over two years. Values pass the same validators as every other
/// write path. Balances are plausible but are not reconciled against the generated history.
/// </summary>
public sealed class BulkSeeder(NpgsqlDataSource dataSource, SsnProtector ssn, TimeProvider clock, ILogger<BulkSeeder> logger)
{
    public sealed record Result(int Customers, int Accounts, long Transactions);

    /// <summary>A million-row COPY maintaining the indexes can take minutes on a small machine.</summary>
    private static readonly TimeSpan CopyTimeout = TimeSpan.FromMinutes(30);

    public async Task<Result> SeedAsync(int customerCount, long transactionCount, int randomSeed = 42, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customerCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(transactionCount);
        var random = new Randomizer(randomSeed);
        var faker = new Faker("en") { Random = random };
        var history = new HistoryGenerator(random);
        var now = clock.GetUtcNow().UtcDateTime;
        var run = clock.GetUtcNow().ToUnixTimeSeconds().ToString("D10", CultureInfo.InvariantCulture);
        var runTag = run[^6..];

        var accounts = new List<(Guid Id, AccountType Type)>(customerCount * 2);
        await using var conn = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);

        // Offsets from the rows already there keep SSNs, e-mails and account numbers unique across runs.
        long ssnBase, accountBase;
        await using (var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM accounts)", conn))
        await using (var reader = await count.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            await reader.ReadAsync(ct).ConfigureAwait(false);
            ssnBase = reader.GetInt64(0);
            accountBase = reader.GetInt64(1);
        }

        // customers and accounts, in one COPY each
        var customerIds = new Guid[customerCount];
        await using (var writer = await conn.BeginBinaryImportAsync(
            "COPY customers (customer_id, email, phone, first_name, last_name, date_of_birth, street_address, city, state_province, postal_code, country_code, kyc_status, aml_status, ssn_encrypted, ssn_hash, created_at, updated_at) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            writer.Timeout = CopyTimeout;
            for (var i = 0; i < customerCount; i++)
            {
                var id = Guid.CreateVersion7();
                customerIds[i] = id;
                var email = string.Create(CultureInfo.InvariantCulture, $"bulk{runTag}.{ssnBase + i}@example.com");
                EmailValidator.Validate(email);
                // Area 900-999 is never issued, so no generated SSN belongs to a real person.
                var plainSsn = (900_000_000 + ssnBase + i).ToString("D9", CultureInfo.InvariantCulture);
                await writer.StartRowAsync(ct).ConfigureAwait(false);
                await writer.WriteAsync(id, NpgsqlDbType.Uuid, ct).ConfigureAwait(false);
                await writer.WriteAsync(email, NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
                await writer.WriteAsync(faker.Phone.PhoneNumber("+1 ###-555-01##"), NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
                await writer.WriteAsync(faker.Name.FirstName(), NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
                await writer.WriteAsync(faker.Name.LastName(), NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
                await writer.WriteAsync(DateOnly.FromDateTime(now.AddDays(-random.Int(19 * 366, 80 * 365))), NpgsqlDbType.Date, ct).ConfigureAwait(false);
                await writer.WriteAsync(faker.Address.StreetAddress(), NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
                await writer.WriteAsync(faker.Address.City(), NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
                await writer.WriteAsync(faker.Address.StateAbbr(), NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
                await writer.WriteAsync(faker.Address.ZipCode("#####"), NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
                await writer.WriteAsync("US", NpgsqlDbType.Char, ct).ConfigureAwait(false);
                await writer.WriteAsync(KycStatus.Approved, ct).ConfigureAwait(false);
                await writer.WriteAsync(AmlStatus.Clear, ct).ConfigureAwait(false);
                await writer.WriteAsync(ssn.Encrypt(id, plainSsn), NpgsqlDbType.Bytea, ct).ConfigureAwait(false);
                await writer.WriteAsync(ssn.Hash(plainSsn), NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
                await writer.WriteAsync(Timestamp(now), NpgsqlDbType.Timestamp, ct).ConfigureAwait(false);
                await writer.WriteAsync(Timestamp(now), NpgsqlDbType.Timestamp, ct).ConfigureAwait(false);
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
        }

        await using (var writer = await conn.BeginBinaryImportAsync(
            "COPY accounts (account_id, customer_id, primary_owner, ownership_type, account_number, account_type, balance, available_balance, credit_limit, opened_date, status) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            writer.Timeout = CopyTimeout;
            var seq = accountBase;
            foreach (var customerId in customerIds)
            {
                var types = new List<AccountType> { AccountType.Checking };
                if (random.Bool(0.7f))
                {
                    types.Add(AccountType.Savings);
                }
                if (random.Bool(0.3f))
                {
                    types.Add(AccountType.CreditCard);
                }
                foreach (var type in types)
                {
                    var id = Guid.CreateVersion7();
                    var number = string.Create(CultureInfo.InvariantCulture, $"{Prefix(type)}{run}{seq++:D7}");
                    AccountNumberValidator.Validate(number);
                    var balance = type == AccountType.CreditCard ? -random.Decimal(0m, 2500m) : random.Decimal(100m, 50_000m);
                    balance = decimal.Round(balance, 2);
                    await writer.StartRowAsync(ct).ConfigureAwait(false);
                    await writer.WriteAsync(id, NpgsqlDbType.Uuid, ct).ConfigureAwait(false);
                    await writer.WriteAsync(customerId, NpgsqlDbType.Uuid, ct).ConfigureAwait(false);
                    await writer.WriteAsync(customerId, NpgsqlDbType.Uuid, ct).ConfigureAwait(false);
                    await writer.WriteAsync(OwnershipType.Individual, ct).ConfigureAwait(false);
                    await writer.WriteAsync(number, NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
                    await writer.WriteAsync(type, ct).ConfigureAwait(false);
                    await writer.WriteAsync(balance, NpgsqlDbType.Numeric, ct).ConfigureAwait(false);
                    await writer.WriteAsync(balance, NpgsqlDbType.Numeric, ct).ConfigureAwait(false);
                    if (type == AccountType.CreditCard)
                    {
                        await writer.WriteAsync(5000m, NpgsqlDbType.Numeric, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        await writer.WriteNullAsync(ct).ConfigureAwait(false);
                    }
                    await writer.WriteAsync(DateOnly.FromDateTime(now.AddDays(-random.Int(800, 4000))), NpgsqlDbType.Date, ct).ConfigureAwait(false);
                    await writer.WriteAsync(AccountStatus.Active, ct).ConfigureAwait(false);
                    accounts.Add((id, type));
                }
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
        }

        // transactions: COPY in chunks so progress is visible and a huge run does not hold one giant statement
        const long chunk = 1_000_000;
        long written = 0;
        while (written < transactionCount)
        {
            var thisChunk = Math.Min(chunk, transactionCount - written);
            await using var writer = await conn.BeginBinaryImportAsync(
                "COPY transactions (transaction_id, account_id, transaction_type, amount, currency_code, merchant_name, merchant_category_code, status, initiated_at, processed_at, description, metadata, created_at, updated_at) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
            writer.Timeout = CopyTimeout;
            for (long i = 0; i < thisChunk; i++)
            {
                var (accountId, type) = accounts[random.Int(0, accounts.Count - 1)];
                var t = history.Next(accountId, type, now.AddMinutes(-random.Int(0, 730 * 24 * 60)));
                AmountValidator.Validate(t.Amount);
                await writer.StartRowAsync(ct).ConfigureAwait(false);
                await writer.WriteAsync(t.TransactionId, NpgsqlDbType.Uuid, ct).ConfigureAwait(false);
                await writer.WriteAsync(t.AccountId, NpgsqlDbType.Uuid, ct).ConfigureAwait(false);
                await writer.WriteAsync(t.TransactionType, ct).ConfigureAwait(false);
                await writer.WriteAsync(t.Amount, NpgsqlDbType.Numeric, ct).ConfigureAwait(false);
                await writer.WriteAsync("USD", NpgsqlDbType.Char, ct).ConfigureAwait(false);
                await WriteNullableAsync(writer, t.MerchantName, NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
                await WriteNullableAsync(writer, t.MerchantCategoryCode, NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
                await writer.WriteAsync(t.Status ?? TransactionStatus.Completed, ct).ConfigureAwait(false);
                await writer.WriteAsync(Timestamp(t.InitiatedAt), NpgsqlDbType.Timestamp, ct).ConfigureAwait(false);
                await writer.WriteAsync(Timestamp(t.ProcessedAt!.Value), NpgsqlDbType.Timestamp, ct).ConfigureAwait(false);
                await WriteNullableAsync(writer, t.Description, NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
                await WriteNullableAsync(writer, t.Metadata, NpgsqlDbType.Jsonb, ct).ConfigureAwait(false);
                await writer.WriteAsync(Timestamp(t.InitiatedAt), NpgsqlDbType.Timestamp, ct).ConfigureAwait(false);
                await writer.WriteAsync(Timestamp(t.InitiatedAt), NpgsqlDbType.Timestamp, ct).ConfigureAwait(false);
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
            written += thisChunk;
            DataLog.BulkProgress(logger, written, transactionCount);
        }

        await using (var analyze = new NpgsqlCommand("ANALYZE customers; ANALYZE accounts; ANALYZE transactions;", conn) { CommandTimeout = 1800 })
        {
            await analyze.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        DataLog.Seeded(logger, customerCount, accounts.Count, written);
        return new Result(customerCount, accounts.Count, written);
    }

    private static string Prefix(AccountType type) => type switch
    {
        AccountType.Checking => "CHK",
        AccountType.Savings => "SAV",
        AccountType.CreditCard => "CCA",
        _ => "ACT",
    };

    private static DateTime Timestamp(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, type, ct);
}
