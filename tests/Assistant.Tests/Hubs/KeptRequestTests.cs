using System.Net;
using System.Net.Http.Headers;
using BankingLlm.Assistant.Hubs;
using BankingLlm.Assistant.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BankingLlm.Assistant.Tests.Hubs;

/// <summary>What a hub connection's WebSocket request looks like once the app's pipeline has trimmed it.</summary>
public sealed record KeptRequest(bool HasAuthorization, bool HasApiKey, string QueryString, string RawTarget, string? QueryId, Guid? Customer, bool ServicesResolve);

/// <summary>A hub mapped only in these tests: it reports what the connection's kept HTTP request still holds.</summary>
[Authorize(Policy = AssistantClaims.CustomerPolicy)]
public sealed class KeptRequestProbeHub : Hub
{
    public const string Path = "/hubs/kept-request-probe";

    public KeptRequest Kept()
    {
        var http = Context.GetHttpContext()!;
        return new KeptRequest(
            http.Request.Headers.ContainsKey("Authorization"),
            http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName),
            http.Request.QueryString.Value ?? "",
            http.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
            http.Request.Query["id"].ToString(),
            AssistantClaims.CustomerOf(http.User),
            http.RequestServices.GetService<IAuthenticationService>() is not null);
    }
}

public sealed class KeptRequestFixture : HubFixture
{
    protected override void MapTestEndpoints(WebApplication app) => app.MapHub<KeptRequestProbeHub>(KeptRequestProbeHub.Path, o => o.AllowStatefulReconnects = true);
}

/// <summary>
/// HubRequestTrimming: a hub's WebSocket request lives as long as its connection, so once authorized it no longer
/// carries the credential (header, API key or access_token query value), while the connection works and keeps its
/// verified identity; the negotiate request's TCP connection is closed after its answer.
/// </summary>
public sealed class KeptRequestTests(KeptRequestFixture app) : IClassFixture<KeptRequestFixture>
{
    private HubConnection Probe(string query, Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions> configure) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, KeptRequestProbeHub.Path + query), configure)
            .WithStatefulReconnect()
            .Build();

    [Fact]
    public async Task A_bearer_header_is_not_kept_and_the_identity_is()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        var token = app.TokenFor(customer);
        await using var hub = Probe("", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token));
        await hub.StartAsync();

        var kept = await hub.InvokeAsync<KeptRequest>("Kept");

        Assert.False(kept.HasAuthorization);
        Assert.Equal(customer, kept.Customer);
        Assert.True(kept.ServicesResolve);
        Assert.StartsWith("?id=", kept.QueryString, StringComparison.Ordinal);
        Assert.Equal(kept.QueryString["?id=".Length..], kept.QueryId);
        Assert.DoesNotContain(token, kept.RawTarget, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_access_token_query_value_is_not_kept_and_the_connection_id_is()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        var token = app.TokenFor(customer);
        // As a browser sends it: the token in the query string, on negotiate and on the WebSocket request.
        await using var hub = Probe("?access_token=" + Uri.EscapeDataString(token), _ => { });
        await hub.StartAsync();

        var kept = await hub.InvokeAsync<KeptRequest>("Kept");

        Assert.Equal(customer, kept.Customer);
        Assert.False(kept.HasAuthorization);
        Assert.DoesNotContain("access_token", kept.QueryString, StringComparison.Ordinal);
        Assert.DoesNotContain("access_token", kept.RawTarget, StringComparison.Ordinal);
        Assert.DoesNotContain(token, kept.RawTarget, StringComparison.Ordinal);
        Assert.Contains("id=", kept.QueryString, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(kept.QueryId));
        Assert.StartsWith(KeptRequestProbeHub.Path + "?", kept.RawTarget, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_key_is_not_kept_and_the_customer_it_acts_for_is()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        var key = await app.CreateApiKeyAsync([AssistantClaims.ActForCustomerScope]);
        await using var hub = Probe("", o =>
        {
            o.Headers[ApiKeyAuthenticationHandler.HeaderName] = key;
            o.Headers[ApiKeyAuthenticationHandler.CustomerHeaderName] = customer.ToString();
        });
        await hub.StartAsync();

        var kept = await hub.InvokeAsync<KeptRequest>("Kept");

        Assert.False(kept.HasApiKey);
        Assert.Equal(customer, kept.Customer);
    }

    [Fact]
    public async Task A_trimmed_chat_connection_still_holds_a_conversation()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        await using var hub = app.Connect(app.TokenFor(customer));
        await hub.StartAsync();

        var session = await hub.InvokeAsync<StartSessionResponse>("StartSession", new StartSessionRequest("web"));
        ChatChunk? final = null;
        await foreach (var chunk in hub.StreamAsync<ChatChunk>("SendMessage", session.SessionId, "what is my savings balance"))
        {
            final = chunk;
        }

        Assert.Equal("final", final?.Kind);
        Assert.Equal(["accounts.get_balance"], final!.Tools);
        Assert.Equal(customer, await app.QueryAsync(db => db.ChatSessions.Where(s => s.SessionId == session.SessionId).Select(s => s.CustomerId).SingleAsync()));
    }

    [Fact]
    public async Task The_negotiate_answer_closes_its_connection_and_a_refused_one_stays_refused()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, ChatHub.Path + "/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", app.TokenFor(customer));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.ConnectionClose);
        Assert.Contains("connectionToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var anonymous = await http.PostAsync(ChatHub.Path + "/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
