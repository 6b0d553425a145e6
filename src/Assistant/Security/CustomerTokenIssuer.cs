using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BankingLlm.Assistant.Security;

/// <summary>Issues customer JWTs with the configured (or development) key: for `tokens issue` and tests, not a login.</summary>
public sealed class CustomerTokenIssuer(AuthOptions auth, SymmetricSecurityKey key, TimeProvider clock)
{
    public string Issue(Guid customerId, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", customerId.ToString())]),
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
