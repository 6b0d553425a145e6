using BankingLlm.TestSupport;

namespace BankingLlm.Assistant.Tests.Cli;

/// <summary>A fresh PostgreSQL database for one test, dropped when disposed (instead of try/finally in every test).</summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private ScratchDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateAsync() => new(await TestPostgres.CreateDatabaseAsync());

    public async ValueTask DisposeAsync() => await TestPostgres.DropDatabaseAsync(ConnectionString);
}
