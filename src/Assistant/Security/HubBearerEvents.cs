using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace BankingLlm.Assistant.Security;

/// <summary>The JWT bearer events of the customer and the staff scheme.</summary>
internal static class HubBearerEvents
{
    /// <summary>The query key a browser's token comes in (hub paths only); HubRequestTrimming removes it afterwards.</summary>
    public const string AccessTokenQueryKey = "access_token";

    /// <summary>
    /// The claims a connection keeps from a verified token: what the policies and hubs read. A WebSocket request
    /// lives as long as its connection, so everything else of the token (the parsed JsonWebToken with its raw text,
    /// the other claims, e.g. names from an identity provider) is dropped at once instead of being held for hours.
    /// </summary>
    private static readonly HashSet<string> KeptClaims = new(StringComparer.Ordinal) { "sub", AssistantClaims.StaffRole };

    /// <summary>
    /// Browsers cannot set headers on WebSockets: the token is also accepted from the access_token query, on the hub
    /// paths only. A verified token's <c>sub</c> (a GUID) becomes the <paramref name="subjectClaim"/> claim, and the
    /// principal is replaced by one with only <see cref="KeptClaims"/> and that claim.
    /// </summary>
    public static JwtBearerEvents Create(string subjectClaim) => new()
    {
        OnMessageReceived = context =>
        {
            if (context.HttpContext.Request.Path.StartsWithSegments("/hubs") && context.Request.Query.TryGetValue(AccessTokenQueryKey, out var token))
            {
                context.Token = token;
            }
            return Task.CompletedTask;
        },
        OnTokenValidated = context =>
        {
            if (context.Principal?.Identity is ClaimsIdentity verified)
            {
                context.Principal = new ClaimsPrincipal(Slim(verified, subjectClaim));
            }
            return Task.CompletedTask;
        },
    };

    private static ClaimsIdentity Slim(ClaimsIdentity verified, string subjectClaim)
    {
        // New Claim objects: a copied claim would still reference (and so keep) the verified identity and its token.
        // The issuer text (validated, so the configured issuer) is shared by all connections, and the subject claim
        // shares the sub value's text when it is already in canonical form: fewer strings per connection.
        var slim = new ClaimsIdentity(verified.AuthenticationType, verified.NameClaimType, verified.RoleClaimType);
        foreach (var claim in verified.Claims)
        {
            if (KeptClaims.Contains(claim.Type))
            {
                slim.AddClaim(new Claim(claim.Type, claim.Value, claim.ValueType, string.Intern(claim.Issuer)));
            }
        }
        var sub = verified.FindFirst("sub")?.Value;
        if (Guid.TryParse(sub, out var id))
        {
            var canonical = id.ToString();
            slim.AddClaim(new Claim(subjectClaim, string.Equals(sub, canonical, StringComparison.Ordinal) ? sub : canonical));
        }
        return slim;
    }
}
