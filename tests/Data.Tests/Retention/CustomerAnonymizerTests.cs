using BankingLlm.Data.Entities;
using BankingLlm.Data.Retention;
using BankingLlm.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Data.Tests.Retention;

public sealed class CustomerAnonymizerTests
{
    [Fact]
    public async Task Personal_data_is_replaced_regulatory_records_keep_the_customer_id_and_a_second_request_changes_nothing()
    {
        await using var f = await RetentionFixture.CreateAsync();
        var id = f.Customer.CustomerId;
        var session = await f.SessionAsync(f.UtcNow.AddDays(-3));
        await f.TransactionAsync(f.UtcNow.AddDays(-2));
        await f.ComplianceEventAsync(f.UtcNow.AddDays(-1), f.Account.AccountId);
        await f.AuditLogAsync(f.UtcNow.AddDays(-1));
        var other = await f.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        var regulatory = new[]
        {
            ("accounts", "SELECT count(*) FROM accounts WHERE customer_id = $1"),
            ("transactions", "SELECT count(*) FROM transactions t JOIN accounts a ON a.account_id = t.account_id WHERE a.customer_id = $1"),
            ("compliance_events", "SELECT count(*) FROM compliance_events WHERE customer_id = $1"),
            ("chat_sessions", "SELECT count(*) FROM chat_sessions WHERE customer_id = $1"),
        };
        var before = new Dictionary<string, long>();
        foreach (var (name, sql) in regulatory)
        {
            before[name] = await f.CountAsync(sql, id);
        }
        var auditBefore = await f.CountAsync("SELECT count(*) FROM audit_logs WHERE customer_id = $1", id);

        var result = await f.Get<CustomerAnonymizer>().AnonymizeAsync(id);

        Assert.False(result.AlreadyAnonymized);
        Assert.Equal(1, result.VaultRowsDestroyed);
        Assert.Equal(0, await f.CountAsync("SELECT count(*) FROM pii_vault WHERE session_id = $1", session));
        var c = await other.Customers.AsNoTracking().SingleAsync(x => x.CustomerId == id);
        Assert.Equal($"anonymized.{id:N}@example.invalid", c.Email);
        Assert.Equal(("Anonymized", "Customer", (string?)null, (string?)null), (c.FirstName, c.LastName, c.MiddleName, c.Phone));
        Assert.Equal(new DateOnly(1900, 1, 1), c.DateOfBirth);
        Assert.Equal(("Anonymized", "Anonymized", "00000", "XX", (string?)null), (c.StreetAddress, c.City, c.PostalCode, c.CountryCode, c.StateProvince));
        Assert.True(SsnProtector.IsErased(c.SsnEncrypted));
        Assert.Equal(SsnProtector.ErasedHash(id), c.SsnHash);
        Assert.Equal((CustomerStatus.Closed, f.UtcNow), (c.Status!.Value, c.DeletedAt!.Value));
        Assert.Null(c.IdDocumentNumber);
        // Nothing of the old identity is left in the row.
        var row = await f.CountAsync("SELECT count(*) FROM customers c WHERE c.customer_id = $1 AND (c::text ILIKE '%Test%' OR c::text ILIKE '%Main St%' OR c::text ILIKE '%1980-01-01%')", id);
        Assert.Equal(0, row);

        foreach (var (name, sql) in regulatory)
        {
            Assert.Equal(before[name], await f.CountAsync(sql, id));
        }
        Assert.Equal(auditBefore + 1, await f.CountAsync("SELECT count(*) FROM audit_logs WHERE customer_id = $1", id));
        Assert.Equal(1, await f.CountAsync("SELECT count(*) FROM audit_logs WHERE customer_id = $1 AND entity_type = 'customer' AND changes_summary->>'outcome' = 'anonymized'", id));

        // Idempotent: the same request again changes nothing (and is audited as such).
        var again = await f.Get<CustomerAnonymizer>().AnonymizeAsync(id);
        Assert.True(again.AlreadyAnonymized);
        var c2 = await other.Customers.AsNoTracking().SingleAsync(x => x.CustomerId == id);
        Assert.Equal((c.Email, c.SsnHash, c.UpdatedAt, c.DeletedAt), (c2.Email, c2.SsnHash, c2.UpdatedAt, c2.DeletedAt));
        Assert.Equal(1, await f.CountAsync("SELECT count(*) FROM audit_logs WHERE customer_id = $1 AND changes_summary->>'outcome' = 'already_anonymized'", id));

        // Re-encryption after a rotation skips the erased SSN rather than fail on it.
        f.Get<KeyRingProvider>().Rotate(includeHashKey: true);
        var progress = await f.Get<SsnReencryptionJob>().RunAsync();
        Assert.Equal(0, progress.Remaining);
        Assert.Equal(SsnProtector.ErasedHash(id), (await other.Customers.AsNoTracking().SingleAsync(x => x.CustomerId == id)).SsnHash);
        Assert.Throws<InvalidOperationException>(() => f.Get<SsnProtector>().Decrypt(id, c.SsnEncrypted));
        await other.DisposeAsync();
    }

    [Fact]
    public async Task An_unknown_customer_is_refused_and_nothing_is_written()
    {
        await using var f = await RetentionFixture.CreateAsync();
        var audit = await f.CountAsync("SELECT count(*) FROM audit_logs");
        var missing = Guid.NewGuid();
        var ex = await Assert.ThrowsAsync<KeyNotFoundException>(() => f.Get<CustomerAnonymizer>().AnonymizeAsync(missing));
        Assert.Contains(missing.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Equal(audit, await f.CountAsync("SELECT count(*) FROM audit_logs"));
        Assert.Equal(1, await f.CountAsync("SELECT count(*) FROM customers WHERE email NOT LIKE 'anonymized.%'"));
    }
}
