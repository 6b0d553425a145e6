using BankingLlm.Data.Entities;
using BankingLlm.Data.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BankingLlm.Data.Retention;

/// <summary>The result of an anonymisation request.</summary>
public sealed record AnonymizationResult(Guid CustomerId, bool AlreadyAnonymized, int VaultRowsDestroyed);

/// <summary>
/// The seed's "customers: lifetime, anonymisation": replaces a customer's personal data in place, keeps the row so
/// that the regulatory records (accounts, transactions, compliance_events, audit_logs) keep referencing the same
/// customer id, destroys the PII vaults of the customer's chat sessions, marks the customer closed and soft-deleted,
/// and writes an audit row. Idempotent: a second request changes nothing and is audited as such.
/// </summary>
public sealed class CustomerAnonymizer(IDbContextFactory<BankingDbContext> contexts, TimeProvider clock, ILogger<CustomerAnonymizer> logger)
{
    public const string ServiceAccount = "operator-cli";

    /// <summary>The columns replaced; named in the audit row (never their values).</summary>
    public static readonly IReadOnlyList<string> ReplacedColumns =
    [
        "email", "phone", "first_name", "last_name", "middle_name", "date_of_birth", "gender", "street_address", "city",
        "state_province", "postal_code", "country_code", "ssn_encrypted", "ssn_hash", "id_document_type",
        "id_document_number", "id_expiry_date", "communication_preferences", "marketing_consent",
    ];

    /// <exception cref="KeyNotFoundException">No customer has this id.</exception>
    public async Task<AnonymizationResult> AnonymizeAsync(Guid customerId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var customer = await db.Customers.FromSql($"SELECT * FROM customers WHERE customer_id = {customerId} FOR UPDATE").SingleOrDefaultAsync(ct).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"No customer {customerId}.");

        var already = SsnProtector.IsErased(customer.SsnHash);
        var vaultRows = await db.Database.ExecuteSqlAsync($"""
            DELETE FROM pii_vault WHERE session_id IN (SELECT session_id FROM chat_sessions WHERE customer_id = {customerId})
            """, ct).ConfigureAwait(false);
        var oldStatus = customer.Status;
        if (!already)
        {
            Replace(customer, now.UtcDateTime);
        }
        db.AuditLogs.Add(MaintenanceAudit.Row(ServiceAccount, AuditAction.Update, "customer", customerId.ToString(),
            oldValues: new { status = oldStatus?.ToString() },
            newValues: new { status = customer.Status?.ToString(), replaced = already ? [] : ReplacedColumns, vault_rows_destroyed = vaultRows },
            outcome: already ? "already_anonymized" : "anonymized", now, customerId));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        RetentionLog.Anonymised(logger, customerId, vaultRows);
        return new AnonymizationResult(customerId, already, vaultRows);
    }

    private static void Replace(Customer c, DateTime now)
    {
        var id = c.CustomerId.ToString("N", System.Globalization.CultureInfo.InvariantCulture);
        c.Email = $"anonymized.{id}@example.invalid";
        c.Phone = null;
        c.FirstName = "Anonymized";
        c.LastName = "Customer";
        c.MiddleName = null;
        // NOT NULL and the age check (>= 18) hold; the real date is gone.
        c.DateOfBirth = new DateOnly(1900, 1, 1);
        c.Gender = null;
        c.StreetAddress = "Anonymized";
        c.City = "Anonymized";
        c.StateProvince = null;
        c.PostalCode = "00000";
        c.CountryCode = "XX";
        c.SsnEncrypted = SsnProtector.ErasedEnvelope();
        c.SsnHash = SsnProtector.ErasedHash(c.CustomerId);
        c.IdDocumentType = null;
        c.IdDocumentNumber = null;
        c.IdExpiryDate = null;
        c.CommunicationPreferences = null;
        c.MarketingConsent = false;
        c.Status = CustomerStatus.Closed;
        c.DeletedAt = now;
        c.UpdatedAt = now;
    }
}
