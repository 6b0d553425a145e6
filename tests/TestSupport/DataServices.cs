using BankingLlm.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BankingLlm.TestSupport;

/// <summary>
/// A fresh, migrated database with the real data-layer services (key ring in a temporary key file) for one test
/// class. Use as an xunit class fixture.
/// </summary>
public class DataFixture : IAsyncDisposable
{
    private IHost? _host;

    public string ConnectionString { get; private set; } = "";
    public string KeyFile { get; private set; } = "";
    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("Call InitializeAsync first.");

    /// <summary>Builds the services; <paramref name="migrate"/> false leaves the database empty.</summary>
    public async Task InitializeAsync(bool migrate = true, Action<IHostApplicationBuilder>? configure = null)
    {
        ConnectionString = await CreateDatabaseAsync();
        KeyFile = Path.Combine(Path.GetTempPath(), $"bankingllm-keys-{Guid.NewGuid():N}.json");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Banking"] = ConnectionString,
            ["KeyRing:KeyFile"] = KeyFile,
            ["Database:MinPoolSize"] = "0",
        });
        builder.AddBankingData();
        configure?.Invoke(builder);
        _host = builder.Build();
        if (migrate)
        {
            await Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        }
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The empty database the services use: by default a fresh one on the test process's shared server.</summary>
    protected virtual Task<string> CreateDatabaseAsync() => TestPostgres.CreateDatabaseAsync();

    protected virtual Task DropDatabaseAsync(string connectionString) => TestPostgres.DropDatabaseAsync(connectionString);

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        _host?.Dispose();
        if (ConnectionString.Length > 0)
        {
            await DropDatabaseAsync(ConnectionString);
        }
        if (File.Exists(KeyFile))
        {
            File.Delete(KeyFile);
        }
    }
}
