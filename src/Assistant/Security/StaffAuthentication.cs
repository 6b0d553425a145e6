using BankingLlm.Assistant.Scaling;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace BankingLlm.Assistant.Security;

/// <summary>
/// Staff credentials: the staff JWT scheme (audience <see cref="AuthOptions.StaffAudience"/>, so customer and staff
/// tokens never stand in for each other), the sign-in endpoint POST /auth/staff/token and its per-address limit.
/// </summary>
public static class StaffAuthentication
{
    public const string SchemeName = "StaffBearer";
    public const string SignInPath = "/auth/staff/token";

    /// <summary>The sign-in request body.</summary>
    public sealed record SignInRequest(string? Username, string? Password);

    /// <summary>The sign-in answer: the token, when it expires, and the role it carries.</summary>
    public sealed record SignInResponse(string Token, DateTime ExpiresAt, string Role);

    internal static void Configure(JwtBearerOptions options, AuthOptions auth, SymmetricSecurityKey? signingKey)
    {
        options.MapInboundClaims = false;
        options.SaveToken = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.StaffAudience,
            // Staff tokens are only ever issued here, with the HS256 key; without one no staff token verifies.
            IssuerSigningKey = signingKey,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        options.Events = HubBearerEvents.Create(AssistantClaims.StaffId);
    }

    /// <summary>
    /// POST /auth/staff/token <c>{ username, password }</c>: 200 <c>{ token, expiresAt, role }</c>; 400 for a malformed
    /// body; 401 <c>{ error: "invalid_credentials" }</c> for a wrong user or password alike; 429 over the limit;
    /// 404 when no signing key is configured (tokens come from an identity provider then).
    /// </summary>
    public static IEndpointRouteBuilder MapStaffSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SignInPath, async (SignInRequest? request, HttpContext http, IRateLimitStore limits, IOptions<AuthOptions> auth, TimeProvider clock, CancellationToken ct) =>
        {
            if (http.RequestServices.GetService<StaffSignIn>() is not { } signIn)
            {
                return Results.NotFound();
            }
            // Per client address, counted in the shared store (Redis with several instances).
            var client = "staff-sign-in:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            if (!await limits.TryTakeAsync(client, clock.GetUtcNow(), auth.Value.StaffSignInsPerMinute, int.MaxValue, int.MaxValue).ConfigureAwait(false))
            {
                return Results.Json(new { error = "rate_limited" }, statusCode: StatusCodes.Status429TooManyRequests);
            }
            if (request is null)
            {
                return Results.BadRequest(new { error = "invalid_argument" });
            }
            var result = await signIn.SignInAsync(request.Username, request.Password, ct).ConfigureAwait(false);
            return result.Token is null
                ? Results.Json(new { error = result.Error }, statusCode: StatusCodes.Status401Unauthorized)
                : Results.Ok(new SignInResponse(result.Token, result.ExpiresAt!.Value, StaffRoles.ToWire(result.Role!.Value)));
        }).DisableAntiforgery();
        return endpoints;
    }
}
