using System.Security.Cryptography;
using BankingLlm.Assistant.Hosting;
using BankingLlm.Assistant.Hubs;
using BankingLlm.Assistant.Security;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BankingLlm.Assistant.Tests.Hubs;

/// <summary>The real app on a loopback port over a fresh database; real SignalR clients connect to it.</summary>
public class HubFixture : IAsyncLifetime
{
    private WebApplication? _app;
    private string _connectionString = "";
    private readonly string _dir = Directory.CreateTempSubdirectory("bankingllm-hub-").FullName;

    public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public IServiceProvider Services => _app!.Services;

    /// <summary>More command-line settings for the app (a derived fixture's model, limits ...).</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <summary>Endpoints a derived fixture adds to the app before it starts (e.g. a probe hub).</summary>
    protected virtual void MapTestEndpoints(WebApplication app)
    {
    }

    public virtual async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync();
        (_app, BaseAddress) = await StartAppAsync(_connectionString, Path.Combine(_dir, "keys.json"), SigningKey, ExtraArguments, MapTestEndpoints);
    }

    /// <summary>Builds and starts the real app on a loopback port over <paramref name="connectionString"/>.</summary>
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAppAsync(string connectionString, string keyFile, string signingKey, IEnumerable<string> extraArguments, Action<WebApplication>? beforeStart = null)
    {
        var app = await AssistantHost.BuildAsync(
        [
            "--urls", "http://127.0.0.1:0",
            $"--ConnectionStrings:Banking={connectionString}",
            $"--KeyRing:KeyFile={keyFile}",
            $"--Auth:SigningKey={signingKey}",
            "--Database:MigrateOnStart=true",
            "--Database:SeedDemoDataOnStart=false",
            "--Database:MinPoolSize=0",
            "--Logging:LogLevel:Default=Warning",
            .. extraArguments,
        ]);
        beforeStart?.Invoke(app);
        await app.StartAsync();
        return (app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await TestPostgres.DropDatabaseAsync(_connectionString);
        Directory.Delete(_dir, recursive: true);
    }

    public string TokenFor(Guid customer, TimeSpan? lifetime = null) =>
        Services.GetRequiredService<CustomerTokenIssuer>().Issue(customer, lifetime ?? TimeSpan.FromMinutes(10));

    public HubConnection Connect(string? token = null, string? apiKey = null, Guid? actFor = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, ChatHub.Path), options =>
            {
                if (token is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
                if (apiKey is not null)
                {
                    options.Headers[ApiKeyAuthenticationHandler.HeaderName] = apiKey;
                }
                if (actFor is not null)
                {
                    options.Headers[ApiKeyAuthenticationHandler.CustomerHeaderName] = actFor.Value.ToString();
                }
            })
            .WithStatefulReconnect()
            .Build();

    public async Task<(Guid Customer, Guid Checking, Guid Savings)> NewCustomerAsync()
    {
        var (customer, checking, savings) = await TestCustomers.CreateAsync(Services);
        return (customer.CustomerId, checking.AccountId, savings.AccountId);
    }

    public async Task<string> CreateApiKeyAsync(string[] scopes, int perMinute = 100, ApiKeyStatus status = ApiKeyStatus.Active)
    {
        var (key, prefix, hash) = ApiKeyFormat.Generate();
        await using var db = await Services.GetRequiredService<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        db.ApiKeys.Add(new ApiKey { KeyId = Guid.CreateVersion7(), KeyHash = hash, KeyPrefix = prefix, OrganizationId = Guid.NewGuid(), Scopes = scopes, Status = status, RequestsPerMinute = perMinute });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task<T> QueryAsync<T>(Func<BankingDbContext, Task<T>> query)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        return await query(db);
    }
}
