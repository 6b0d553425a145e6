using BankingLlm.Assistant.Security;
using BankingLlm.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;

namespace Microsoft.Extensions.Hosting;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Customer JWT bearer (access_token query parameter accepted on /hubs only), partner API keys, the customer
    /// policy (a verified customer id is required: no anonymous access), and CORS to the configured origins.
    /// </summary>
    public static IHostApplicationBuilder AddAssistantAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var auth = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var signingKey = SigningKeys.Resolve(auth, database, builder.Environment.ContentRootPath);
        if (signingKey is not null)
        {
            services.AddSingleton(sp => new CustomerTokenIssuer(auth, signingKey, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton(sp => new StaffTokenIssuer(auth, signingKey, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<StaffSignIn>();
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                // The raw token is not kept in the authentication properties: nothing reads it back (docs/hub.md).
                options.SaveToken = false;
                options.Authority = string.IsNullOrWhiteSpace(auth.Authority) ? null : auth.Authority;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Issuer,
                    ValidAudience = auth.Audience,
                    IssuerSigningKey = signingKey,
                    ValidateIssuerSigningKey = signingKey is not null,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                options.Events = HubBearerEvents.Create(AssistantClaims.CustomerId);
            })
            .AddJwtBearer(StaffAuthentication.SchemeName, options => StaffAuthentication.Configure(options, auth, signingKey))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });

        services.AddScoped<IAuthenticationHandlerProvider, ReleasableAuthenticationHandlers>();

        services.AddAuthorizationBuilder()
            .AddPolicy(AssistantClaims.CustomerPolicy, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme, ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(AssistantClaims.CustomerId))
            .AddPolicy(AssistantClaims.StaffHandoffPolicy, policy => policy
                .AddAuthenticationSchemes(StaffAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(AssistantClaims.StaffId)
                .RequireClaim(AssistantClaims.StaffRole, StaffRoles.MayHandle.Select(StaffRoles.ToWire)));

        // Stateless, so one for all requests: the authorization middleware holds the evaluator it resolves (with its
        // authorization service) in its awaiting frame for a hub connection's life; transient, that is one per connection.
        services.AddSingleton<IPolicyEvaluator>(sp => new PolicyEvaluator(sp.GetRequiredService<IAuthorizationService>()));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationMiddlewareResultHandler>();

        services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (auth.CorsOrigins.Length > 0)
            {
                policy.WithOrigins(auth.CorsOrigins).AllowAnyHeader().WithMethods("GET", "POST").AllowCredentials();
            }
        }));
        return builder;
    }
}
