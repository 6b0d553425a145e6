namespace BankingLlm.Data.Entities;

/// <summary>A partner channel's API key (seed table <c>api_keys</c>): only its SHA-256 hash and prefix are stored.</summary>
public sealed class ApiKey
{
    public Guid KeyId { get; set; }

    public required string KeyHash { get; set; }
    public string? KeyPrefix { get; set; }

    public Guid OrganizationId { get; set; }
    public Guid? CreatedBy { get; set; }

    public string[] Scopes { get; set; } = [];

    public ApiKeyStatus? Status { get; set; }

    public int? RequestsPerMinute { get; set; }
    public int? RequestsPerHour { get; set; }
    public int? RequestsPerDay { get; set; }

    public int? TotalRequests { get; set; }
    public DateTime? LastUsedAt { get; set; }

    public DateTime? CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public string? Name { get; set; }
    public string? Tags { get; set; }
}
