using System.Security.Claims;
using BankingLlm.Data.Entities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BankingLlm.Assistant.Security;

/// <summary>
/// Short-lived staff JWTs (audience <see cref="AuthOptions.StaffAudience"/>) carrying the staff id and role; issued by
/// <see cref="StaffSignIn"/> after a bcrypt check, or by `tokens issue --staff` on a developer machine.
/// </summary>
public sealed class StaffTokenIssuer(AuthOptions auth, SymmetricSecurityKey key, TimeProvider clock)
{
    public TimeSpan Lifetime => TimeSpan.FromMinutes(auth.StaffTokenMinutes);

    public string Issue(Guid userId, StaffRole role, TimeSpan? lifetime = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.StaffAudience,
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", userId.ToString()),
                new Claim(AssistantClaims.StaffRole, StaffRoles.ToWire(role)),
            ]),
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now,
            Expires = now + (lifetime ?? Lifetime),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
