using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.RateLimiting;
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
    public const string SignInLimitPolicy = "staff-sign-in";

    /// <summary>The sign-in request body.</summary>
    public sealed record SignInRequest(string? Username, string? Password);

    /// <summary>The sign-in answer: the token, when it expires, and the role it carries.</summary>
    public sealed record SignInResponse(string Token, DateTime ExpiresAt, string Role);

    internal static void Configure(JwtBearerOptions options, AuthOptions auth, SymmetricSecurityKey? signingKey)
    {
        options.MapInboundClaims = false;
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

    internal static void ConfigureSignInLimit(RateLimiterOptions limiter, AuthOptions auth)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = (context, ct) =>
            new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(new { error = "rate_limited" }, ct));
        limiter.AddPolicy(SignInLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = auth.StaffSignInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>
    /// POST /auth/staff/token <c>{ username, password }</c>: 200 <c>{ token, expiresAt, role }</c>; 400 for a malformed
    /// body; 401 <c>{ error: "invalid_credentials" }</c> for a wrong user or password alike; 429 over the limit;
    /// 404 when no signing key is configured (tokens come from an identity provider then).
    /// </summary>
    public static IEndpointRouteBuilder MapStaffSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SignInPath, async (SignInRequest? request, HttpContext http, CancellationToken ct) =>
        {
            if (http.RequestServices.GetService<StaffSignIn>() is not { } signIn)
            {
                return Results.NotFound();
            }
            if (request is null)
            {
                return Results.BadRequest(new { error = "invalid_argument" });
            }
            var result = await signIn.SignInAsync(request.Username, request.Password, ct).ConfigureAwait(false);
            return result.Token is null
                ? Results.Json(new { error = result.Error }, statusCode: StatusCodes.Status401Unauthorized)
                : Results.Ok(new SignInResponse(result.Token, result.ExpiresAt!.Value, StaffRoles.ToWire(result.Role!.Value)));
        }).RequireRateLimiting(SignInLimitPolicy).DisableAntiforgery();
        return endpoints;
    }
}
