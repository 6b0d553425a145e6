using System.Security.Claims;
using System.Security.Cryptography;
using BankingLlm.Assistant.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BankingLlm.Assistant.Tests.Hubs;

/// <summary>
/// What a hub connection keeps of its token (it lives as long as the connection): through the app's real JWT bearer
/// schemes, a verified token leaves a principal with only the claims the policies and hubs read, no parsed token and no
/// saved raw token.
/// </summary>
public sealed class ConnectionPrincipalTests
{
    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static async Task<AuthenticateResult> AuthenticateAsync(string scheme, string audience, params Claim[] claims)
    {
        var builder = WebApplication.CreateBuilder([$"--Auth:SigningKey={Key}", "--environment", "Production"]);
        builder.AddAssistantAuth();
        await using var app = builder.Build();
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "bankingllm",
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(Key)), SecurityAlgorithms.HmacSha256),
        });
        await using var scope = app.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Path = "/hubs/chat";
        http.Request.Headers.Authorization = "Bearer " + token;
        return await http.AuthenticateAsync(scheme);
    }

    [Fact]
    public async Task A_customer_token_leaves_sub_and_customer_id_only()
    {
        var customer = Guid.NewGuid();
        var result = await AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme, "bankingllm-chat",
            new Claim("sub", customer.ToString()), new Claim("email", "ann@example.com"), new Claim("name", "Ann Example"));

        Assert.True(result.Succeeded, result.Failure?.Message);
        var identity = Assert.IsType<ClaimsIdentity>(Assert.Single(result.Principal!.Identities));
        Assert.True(identity.IsAuthenticated);
        Assert.Equal(["customer_id", "sub"], identity.Claims.Select(c => c.Type).Order());
        Assert.Equal(customer, AssistantClaims.CustomerOf(result.Principal));
        Assert.All(identity.Claims, c => Assert.Same(identity, c.Subject));
        Assert.Null(result.Properties!.GetTokenValue("access_token"));
    }

    [Fact]
    public async Task A_staff_token_keeps_the_role_the_staff_policy_reads()
    {
        var staff = Guid.NewGuid();
        var result = await AuthenticateAsync(StaffAuthentication.SchemeName, "bankingllm-staff",
            new Claim("sub", staff.ToString()), new Claim(AssistantClaims.StaffRole, "agent"), new Claim("email", "ann@bank.example"));

        Assert.True(result.Succeeded, result.Failure?.Message);
        var identity = Assert.IsType<ClaimsIdentity>(Assert.Single(result.Principal!.Identities));
        Assert.Equal(["staff_id", "staff_role", "sub"], identity.Claims.Select(c => c.Type).Order());
        Assert.Equal(staff, AssistantClaims.StaffOf(result.Principal));
        Assert.Equal("agent", identity.FindFirst(AssistantClaims.StaffRole)?.Value);
        Assert.Null(result.Properties!.GetTokenValue("access_token"));
    }

    [Fact]
    public async Task A_token_for_another_audience_still_fails()
    {
        var result = await AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme, "bankingllm-staff", new Claim("sub", Guid.NewGuid().ToString()));

        Assert.False(result.Succeeded);
        Assert.Null(result.Principal);
    }
}
