using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace BankingLlm.Assistant.Security;

/// <summary>The JWT bearer events of the customer and the staff scheme.</summary>
internal static class HubBearerEvents
{
    /// <summary>
    /// Browsers cannot set headers on WebSockets: the token is also accepted from the access_token query, on the hub
    /// paths only. A verified token's <c>sub</c> (a GUID) becomes the <paramref name="subjectClaim"/> claim.
    /// </summary>
    public static JwtBearerEvents Create(string subjectClaim) => new()
    {
        OnMessageReceived = context =>
        {
            if (context.HttpContext.Request.Path.StartsWithSegments("/hubs") && context.Request.Query.TryGetValue("access_token", out var token))
            {
                context.Token = token;
            }
            return Task.CompletedTask;
        },
        OnTokenValidated = context =>
        {
            if (Guid.TryParse(context.Principal?.FindFirst("sub")?.Value, out var id) && context.Principal!.Identity is ClaimsIdentity identity)
            {
                identity.AddClaim(new Claim(subjectClaim, id.ToString()));
            }
            return Task.CompletedTask;
        },
    };
}
