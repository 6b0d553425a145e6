using System.ComponentModel.DataAnnotations;

namespace BankingLlm.Assistant.Security;

/// <summary>
/// Who may call the hub. Customers: a JWT bearer signed with <see cref="SigningKey"/> (HS256) or issued by
/// <see cref="Authority"/> (OpenID Connect). Partner channels (voice gateway, QA): an API key from api_keys.
/// With neither key nor authority, a development signing key is generated in <see cref="DevelopmentSigningKeyFile"/>
/// only when the app runs its private database (a developer machine).
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    [Required]
    public string Issuer { get; set; } = "bankingllm";

    [Required]
    public string Audience { get; set; } = "bankingllm-chat";

    /// <summary>Base64 of at least 32 random bytes (HS256). Production: from the secret store.</summary>
    public string? SigningKey { get; set; }

    /// <summary>An OpenID Connect authority whose keys sign the tokens (instead of <see cref="SigningKey"/>).</summary>
    public string? Authority { get; set; }

    [Required]
    public string DevelopmentSigningKeyFile { get; set; } = ".data/jwt-signing.key";

    /// <summary>Browser origins allowed to call the hub (CORS); none by default.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>Audience of staff tokens (POST /auth/staff/token); distinct, so a staff token is never a customer's.</summary>
    [Required]
    public string StaffAudience { get; set; } = "bankingllm-staff";

    /// <summary>Lifetime of a staff token, in minutes (short: staff sign in again).</summary>
    [Range(1, 12 * 60)]
    public int StaffTokenMinutes { get; set; } = 15;

    /// <summary>Staff sign-in attempts per minute, per client address (POST /auth/staff/token); over it, 429.</summary>
    [Range(1, 10_000)]
    public int StaffSignInsPerMinute { get; set; } = 10;

    /// <summary>Hub calls per minute for a customer signed in with a JWT (API keys carry their own limits).</summary>
    [Range(1, 100_000)]
    public int CustomerRequestsPerMinute { get; set; } = 60;
}
