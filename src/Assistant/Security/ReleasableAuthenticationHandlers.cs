using Microsoft.AspNetCore.Authentication;

namespace BankingLlm.Assistant.Security;

/// <summary>
/// The request's authentication handlers (ASP.NET Core's <see cref="AuthenticationHandlerProvider"/>, one per request
/// scope, each handler cached with its result), which can be let go once a request no longer needs them. The
/// authentication middleware keeps the provider it resolved in its awaiting frame for as long as the request runs: for
/// a hub's WebSocket that is the connection's life, and with the handlers came their results (tickets, properties)
/// and the API-key handler. <see cref="Release"/> (HubRequestTrimming, after authorization) drops them; a later
/// authentication in the same request would create and run fresh handlers.
/// </summary>
public sealed class ReleasableAuthenticationHandlers(IAuthenticationSchemeProvider schemes) : IAuthenticationHandlerProvider
{
    private AuthenticationHandlerProvider? _handlers;

    public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme) =>
        (_handlers ??= new AuthenticationHandlerProvider(schemes)).GetHandlerAsync(context, authenticationScheme);

    public void Release() => _handlers = null;
}
