using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Data.Seeding;
using BankingLlm.Tools;
using BankingLlm.Tools.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BankingLlm.Benchmarks;

/// <summary>
/// The tools' services on a migrated database with one customer (checking "Everyday" and savings): the private
/// throwaway cluster unless ConnectionStrings__Banking is set (then a fresh database is NOT created: use an empty one).
/// </summary>
public sealed class ToolsBenchmarkHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly BenchmarkDatabase _database;
    private readonly string _keyFile;

    private ToolsBenchmarkHost(IHost host, BenchmarkDatabase database, string keyFile, Guid customerId)
    {
        _host = host;
        _database = database;
        _keyFile = keyFile;
        CustomerId = customerId;
    }

    public IServiceProvider Services => _host.Services;

    public Guid CustomerId { get; }

    public static async Task<ToolsBenchmarkHost> StartAsync(Action<IHostApplicationBuilder>? configure = null)
    {
        var database = await BenchmarkDatabase.OpenTemporaryAsync();
        var keyFile = Path.Combine(Path.GetTempPath(), $"bankingllm-bench-keys-{Guid.NewGuid():N}.json");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Banking"] = database.ConnectionString,
            ["KeyRing:KeyFile"] = keyFile,
        });
        builder.AddBankingData();
        builder.AddBankingTools();
        configure?.Invoke(builder);
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();

        var customer = host.Services.GetRequiredService<CustomerFactory>().Create(new NewCustomer(
            "Bench", "Customer", $"bench.{Guid.NewGuid():N}@example.com", new DateOnly(1980, 1, 1), "900-00-0001", "1 Main St", "Springfield", "IL", "62704"));
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync())
        {
            db.Customers.Add(customer);
            db.Accounts.Add(CustomerFactory.NewAccount(customer, AccountType.Checking, $"CHK{Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999)}", 1000m, new DateOnly(2020, 1, 1), "Everyday"));
            db.Accounts.Add(CustomerFactory.NewAccount(customer, AccountType.Savings, $"SAV{Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999)}", 5000m, new DateOnly(2020, 1, 1)));
            await db.SaveChangesAsync();
        }
        return new ToolsBenchmarkHost(host, database, keyFile, customer.CustomerId);
    }

    /// <summary>A kernel as the agent builds it: plugins plus the audit filter.</summary>
    public Microsoft.SemanticKernel.Kernel Kernel() => new Microsoft.SemanticKernel.Kernel().AddBankingTools(Services);

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await _database.DisposeAsync();
        if (File.Exists(_keyFile))
        {
            File.Delete(_keyFile);
        }
    }
}
