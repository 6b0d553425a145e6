using BankingLlm.TestSupport;

namespace BankingLlm.Data.Tests;

/// <summary>A migrated database shared by the tests of one class.</summary>
public sealed class DatabaseFixture : DataFixture, IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
