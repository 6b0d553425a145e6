using BankingLlm.Assistant.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace BankingLlm.Assistant.Hubs;

/// <summary>
/// What the HTTP requests of a hub connection leave on the server (docs/performance.md, idle connections). A hub's
/// WebSocket (or server-sent events) request lasts as long as its connection, hours perhaps, and keeps everything the
/// request pipeline put on it. Once authorization has passed, the connection needs neither its credential nor the
/// request's DI scope, so for a hub's GET request this middleware (after <c>UseAuthorization</c>):
/// <list type="bullet">
/// <item>removes the credential from the kept request: the <c>Authorization</c> and <c>X-Api-Key</c> headers and the
/// <c>access_token</c> query value (also from the raw target); the connection's identity is its verified principal
/// (<c>HttpContext.User</c>), which stays;</item>
/// <item>parses the query (the connection id) whenever it is read rather than keeping it parsed;</item>
/// <item>lets go of the authentication handlers and their results (<see cref="ReleasableAuthenticationHandlers"/>) and
/// disposes the request's DI scope, giving the request a fresh one, created only if something asks for a service.</item>
/// </list>
/// The negotiate request is answered with <c>Connection: close</c>: a client opens its WebSocket on a new TCP
/// connection anyway, and the negotiate connection would otherwise stay open, idle, until the client's or Kestrel's
/// keep-alive timeout (a minute or two), with its own request state, for every client that connects.
/// </summary>
public static class HubRequestTrimming
{
    public static IApplicationBuilder UseHubRequestTrimming(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var scopes = app.ApplicationServices.GetRequiredService<IServiceScopeFactory>();
        // Not an async lambda: an awaiting frame here would itself stay on the stack for the connection's life.
        return app.Use((context, next) =>
        {
            var metadata = context.GetEndpoint()?.Metadata;
            if (metadata?.GetMetadata<HubMetadata>() is null)
            {
                return next(context);
            }
            if (metadata.GetMetadata<NegotiateMetadata>() is not null)
            {
                context.Response.Headers.Connection = "close";
                return next(context);
            }
            // GET (HTTP/1.1) or CONNECT (HTTP/2) opens a WebSocket, server-sent events or a long poll.
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsConnect(context.Request.Method))
            {
                return next(context);
            }
            DropCredential(context);
            if (context.Features.Get<IHttpRequestFeature>() is { } requestFeature)
            {
                context.Features.Set<IQueryFeature>(new UnkeptQuery(requestFeature));
            }
            var released = ReleaseRequestScope(context, scopes);
            return released.IsCompletedSuccessfully ? next(context) : AfterAsync(released, context, next);
        });
    }

    private static async Task AfterAsync(ValueTask released, HttpContext context, RequestDelegate next)
    {
        await released.ConfigureAwait(false);
        await next(context).ConfigureAwait(false);
    }

    private static void DropCredential(HttpContext context)
    {
        var request = context.Request;
        request.Headers.Remove(HeaderNames.Authorization);
        request.Headers.Remove(ApiKeyAuthenticationHandler.HeaderName);
        if (!request.Query.ContainsKey(HubBearerEvents.AccessTokenQueryKey))
        {
            return;
        }
        request.QueryString = QueryString.Create(request.Query.Where(p => !string.Equals(p.Key, HubBearerEvents.AccessTokenQueryKey, StringComparison.OrdinalIgnoreCase)));
        if (context.Features.Get<IHttpRequestFeature>() is { } feature)
        {
            var target = feature.RawTarget;
            var query = target.IndexOf('?', StringComparison.Ordinal);
            feature.RawTarget = (query < 0 ? target : target[..query]) + request.QueryString.Value;
        }
    }

    /// <summary>
    /// The request's query, parsed whenever it is read instead of parsed once and kept: SignalR reads the connection
    /// id from it at connect (and a reconnect), then nothing does for the connection's life.
    /// </summary>
    private sealed class UnkeptQuery(IHttpRequestFeature request) : IQueryFeature
    {
        public IQueryCollection Query
        {
            get => new QueryCollection(QueryHelpers.ParseQuery(request.QueryString));
            set => request.QueryString = value is null ? string.Empty : QueryString.Create(value).ToUriComponent();
        }
    }

    /// <summary>
    /// Disposes the scope the request's services came from (the feature forgets it) and installs a fresh feature,
    /// which creates a scope, registered for disposal at the end of the request, only when a service is asked for.
    /// </summary>
    private static ValueTask ReleaseRequestScope(HttpContext context, IServiceScopeFactory scopes)
    {
        if (context.Features.Get<IServiceProvidersFeature>() is not RequestServicesFeature used)
        {
            return ValueTask.CompletedTask;
        }
        // The authentication middleware keeps this provider beyond the scope; it lets go of the handlers it holds.
        (used.RequestServices.GetService<IAuthenticationHandlerProvider>() as ReleasableAuthenticationHandlers)?.Release();
        context.Features.Set<IServiceProvidersFeature>(new RequestServicesFeature(context, scopes));
        return used.DisposeAsync();
    }
}
