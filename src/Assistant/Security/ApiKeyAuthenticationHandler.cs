using System.Security.Claims;
using System.Text.Encodings.Web;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Security;

/// <summary>
/// Authenticates partner channels by <c>X-Api-Key</c>: active, unexpired, unrevoked keys only. A key with the
/// <see cref="AssistantClaims.ActForCustomerScope"/> scope acts for the customer named in <c>X-Customer-Id</c>
/// (the partner has authenticated the caller, e.g. the voice gateway's IVR).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<BankingDbContext> contexts,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string CustomerHeaderName = "X-Customer-Id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }
        var key = values.ToString();
        if (!ApiKeyFormat.LooksValid(key))
        {
            return AuthenticateResult.Fail("malformed API key");
        }
        var hash = ApiKeyFormat.Hash(key);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted).ConfigureAwait(false);
        var row = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash, Context.RequestAborted).ConfigureAwait(false);
        if (row is null || row.Status != ApiKeyStatus.Active || row.RevokedAt is not null || (row.ExpiresAt is { } expires && expires <= now))
        {
            return AuthenticateResult.Fail("unknown, revoked or expired API key");
        }
        var claims = new List<Claim>
        {
            new(AssistantClaims.ApiKeyId, row.KeyId.ToString()),
            new(ClaimTypes.Name, row.KeyPrefix ?? "api-key"),
        };
        claims.AddRange(row.Scopes.Select(s => new Claim(AssistantClaims.Scope, s)));
        if (row.Scopes.Contains(AssistantClaims.ActForCustomerScope)
            && Guid.TryParse(Request.Headers[CustomerHeaderName].ToString(), out var customer))
        {
            claims.Add(new Claim(AssistantClaims.CustomerId, customer.ToString()));
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }
}
