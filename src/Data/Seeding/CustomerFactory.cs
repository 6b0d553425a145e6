using BankingLlm.Data.Entities;
using BankingLlm.Data.Security;
using BankingLlm.Data.Validation;

namespace BankingLlm.Data.Seeding;

/// <summary>Builds customer and account rows the way every write path must: validated, SSN encrypted and hashed.</summary>
public sealed class CustomerFactory(SsnProtector ssn, TimeProvider clock)
{
    public Customer Create(NewCustomer c)
    {
        EmailValidator.Validate(c.Email);
        var id = c.CustomerId ?? Guid.CreateVersion7();
        var now = clock.GetUtcNow().UtcDateTime;
        return new Customer
        {
            CustomerId = id,
            FirstName = c.FirstName,
            LastName = c.LastName,
            Email = c.Email,
            Phone = c.Phone,
            DateOfBirth = c.DateOfBirth,
            StreetAddress = c.StreetAddress,
            City = c.City,
            StateProvince = c.StateProvince,
            PostalCode = c.PostalCode,
            CountryCode = c.CountryCode,
            SsnEncrypted = ssn.Encrypt(id, c.Ssn),
            SsnHash = ssn.Hash(c.Ssn),
            KycStatus = c.KycStatus,
            KycVerificationDate = c.KycStatus == KycStatus.Approved ? now : null,
            AmlStatus = c.AmlStatus,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public static Account NewAccount(Customer owner, AccountType type, string accountNumber, decimal balance, DateOnly opened, string? nickname = null)
    {
        AccountNumberValidator.Validate(accountNumber);
        return new Account
        {
            AccountId = Guid.CreateVersion7(),
            CustomerId = owner.CustomerId,
            PrimaryOwner = owner.CustomerId,
            OwnershipType = OwnershipType.Individual,
            AccountNumber = accountNumber,
            AccountType = type,
            Balance = balance,
            AvailableBalance = balance,
            OpenedDate = opened,
            Nickname = nickname,
            InterestRate = type switch { AccountType.Savings => 4.250m, AccountType.MoneyMarket => 4.500m, _ => null },
            AnnualPercentageRate = type == AccountType.CreditCard ? 21.990m : null,
            CreditLimit = type == AccountType.CreditCard ? 5000m : null,
            MinimumBalance = type == AccountType.Savings ? 100m : null,
            OverdraftProtection = false,
            Status = AccountStatus.Active,
        };
    }
}
