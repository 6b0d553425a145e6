namespace BankingLlm.Data.Entities;

/// <summary>A bank customer (seed table <c>customers</c>). The SSN is stored only encrypted and as a keyed hash.</summary>
public sealed class Customer
{
    public Guid CustomerId { get; set; }
    public required string Email { get; set; }
    public string? Phone { get; set; }

    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string? MiddleName { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public char? Gender { get; set; }

    public required string StreetAddress { get; set; }
    public required string City { get; set; }
    public string? StateProvince { get; set; }
    public required string PostalCode { get; set; }
    public required string CountryCode { get; set; }

    public KycStatus? KycStatus { get; set; }
    public DateTime? KycVerificationDate { get; set; }
    public AmlStatus? AmlStatus { get; set; }
    public PepStatus? PepStatus { get; set; }
    public RiskLevel? RiskLevel { get; set; }

    /// <summary>AES-256-GCM envelope produced by <see cref="Security.SsnProtector"/>.</summary>
    public byte[] SsnEncrypted { get; set; } = [];
    /// <summary>Versioned HMAC-SHA-256 of the normalised SSN, e.g. <c>h1:9f2c...</c>.</summary>
    public string SsnHash { get; set; } = "";

    public IdDocumentType? IdDocumentType { get; set; }
    public string? IdDocumentNumber { get; set; }
    public DateOnly? IdExpiryDate { get; set; }

    public CustomerStatus? Status { get; set; }
    public CustomerSegment? CustomerSegment { get; set; }

    public DateTime? CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }

    public string? PreferredLanguage { get; set; }
    public bool? MarketingConsent { get; set; }
    public string? CommunicationPreferences { get; set; }

    public List<Account> Accounts { get; set; } = [];
}
