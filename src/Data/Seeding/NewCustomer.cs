using BankingLlm.Data.Entities;

namespace BankingLlm.Data.Seeding;

/// <summary>What it takes to open a customer record; the SSN is encrypted and hashed by <see cref="CustomerFactory"/>.</summary>
public sealed record NewCustomer(
    string FirstName,
    string LastName,
    string Email,
    DateOnly DateOfBirth,
    string Ssn,
    string StreetAddress,
    string City,
    string? StateProvince,
    string PostalCode,
    string CountryCode = "US",
    string? Phone = null,
    KycStatus KycStatus = KycStatus.Approved,
    AmlStatus AmlStatus = AmlStatus.Clear,
    Guid? CustomerId = null);
