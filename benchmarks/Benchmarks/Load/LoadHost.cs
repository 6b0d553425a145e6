using System.Security.Cryptography;
using BankingLlm.Assistant.Hosting;
using BankingLlm.Assistant.Hubs;
using BankingLlm.Assistant.Security;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Data.Seeding;
using Bogus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BankingLlm.Benchmarks.Load;

/// <summary>
/// The app as `serve` builds it, on a loopback port (real Kestrel, offline model) over a throwaway PostgreSQL cluster
/// (or ConnectionStrings__Banking), plus the echo hub. The customer rate limit is raised here, for the load run only.
/// </summary>
public sealed class LoadHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly BenchmarkDatabase _database;
    private readonly string _dir;

    private LoadHost(WebApplication app, BenchmarkDatabase database, string dir, Uri baseAddress)
    {
        _app = app;
        _database = database;
        _dir = dir;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string ConnectionString => _database.ConnectionString;

    public IServiceProvider Services => _app.Services;

    public static async Task<LoadHost> StartAsync()
    {
        var database = await BenchmarkDatabase.OpenTemporaryAsync();
        var dir = Directory.CreateTempSubdirectory("bankingllm-load-").FullName;
        var app = await AssistantHost.BuildAsync(
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Production",
            $"--ConnectionStrings:Banking={database.ConnectionString}",
            $"--KeyRing:KeyFile={Path.Combine(dir, "keys.json")}",
            $"--Auth:SigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            // The load run's sessions send far more than a person would; the product default stays as it is.
            "--Auth:CustomerRequestsPerMinute=100000",
            "--Database:MigrateOnStart=true",
            "--Database:SeedDemoDataOnStart=false",
            "--Logging:LogLevel:Default=Warning",
        ]);
        app.MapHub<EchoHub>(EchoHub.Path);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new LoadHost(app, database, dir, address);
    }

    /// <summary>N customers with checking (with a few weeks of history) and savings, written in batches.</summary>
    public async Task<IReadOnlyList<Guid>> SeedCustomersAsync(int count)
    {
        var factory = Services.GetRequiredService<CustomerFactory>();
        var contexts = Services.GetRequiredService<IDbContextFactory<BankingDbContext>>();
        var history = new HistoryGenerator(new Randomizer(42));
        var now = DateTime.UtcNow;
        var ids = new List<Guid>(count);
        for (var start = 0; start < count; start += 250)
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(count, start + 250); i++)
            {
                var customer = factory.Create(new NewCustomer("Load", $"Customer{i}", $"load.{i}.{Guid.NewGuid():N}@example.com", new DateOnly(1985, 1, 1),
                    $"9{Random.Shared.Next(10_000_000, 99_999_999)}", "1 Main St", "Springfield", "IL", "62704"));
                var checking = CustomerFactory.NewAccount(customer, AccountType.Checking, $"CHK{Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999)}", 2500m, new DateOnly(2020, 1, 1), "Everyday");
                var savings = CustomerFactory.NewAccount(customer, AccountType.Savings, $"SAV{Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999)}", 8000m, new DateOnly(2020, 1, 1));
                db.Customers.Add(customer);
                db.Accounts.AddRange(checking, savings);
                db.Transactions.AddRange(history.For(checking, 20, now, 30));
                ids.Add(customer.CustomerId);
            }
            await db.SaveChangesAsync();
        }
        return ids;
    }

    public string TokenFor(Guid customer) => Services.GetRequiredService<CustomerTokenIssuer>().Issue(customer, TimeSpan.FromHours(2));

    public static HubConnection Connect(Uri baseAddress, string path, string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, path), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .WithStatefulReconnect()
            .Build();

    public HubConnection Connect(string path, string token) => Connect(BaseAddress, path, token);

    public static string ChatPath => ChatHub.Path;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
