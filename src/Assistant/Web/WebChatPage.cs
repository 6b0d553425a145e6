using BankingLlm.Assistant.Security;
using BankingLlm.Data;
using BankingLlm.Data.Seeding;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Web;

/// <summary>
/// The web chat page at / (wwwroot: index.html, app.js, app.css, lib/signalr.min.js), served with a strict content
/// security policy (no inline script or style), and on a developer machine only, POST /dev/demo-token that issues a
/// token for the demo customer. In production the embedding app hands the page its customer's token (docs/hub.md).
/// </summary>
public static class WebChatPage
{
    public const string DemoTokenPath = "/dev/demo-token";

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The folder the page is served from: wwwroot next to the executable (copied there by the build).</summary>
    public static string WebRoot => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    public static WebApplication UseWebChatPage(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // A WebSocket's 101 answer carries no document; its headers stay in memory for the connection's life.
            if (context.WebSockets.IsWebSocketRequest)
            {
                return next(context);
            }
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return next(context);
        });
        var files = new PhysicalFileProvider(WebRoot);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }

    /// <summary>
    /// POST /dev/demo-token: a one-hour token for the demo customer, only when this instance signs tokens with the
    /// generated development key (private database, no Auth:SigningKey, no Auth:Authority). Anywhere else: 404.
    /// </summary>
    public static IEndpointRouteBuilder MapDemoToken(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(DemoTokenPath, (IOptions<AuthOptions> auth, IOptions<DatabaseOptions> database, IServiceProvider services) =>
        {
            if (!IsDevelopmentSigning(auth.Value, database.Value) || services.GetService<CustomerTokenIssuer>() is not { } issuer)
            {
                return Results.NotFound();
            }
            var lifetime = TimeSpan.FromHours(1);
            return Results.Ok(new { token = issuer.Issue(DemoSeeder.DemoCustomerId, lifetime), customerId = DemoSeeder.DemoCustomerId, expiresInSeconds = (int)lifetime.TotalSeconds });
        }).DisableAntiforgery();
        return endpoints;
    }

    public static bool IsDevelopmentSigning(AuthOptions auth, DatabaseOptions database) =>
        database.UsesPrivateCluster && string.IsNullOrWhiteSpace(auth.SigningKey) && string.IsNullOrWhiteSpace(auth.Authority);
}
