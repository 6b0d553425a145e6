using System.Collections.Concurrent;

namespace BankingLlm.PiiGuard.Vault;

/// <summary>
/// FOR TESTS AND LOCAL EXPERIMENTS ONLY: keeps protected vault blobs in process memory, lost on restart and not
/// shared between instances. Production hosts register their own <see cref="IPiiVaultStore"/>.
/// </summary>
public sealed class InMemoryPiiVaultStore : IPiiVaultStore
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public Task<byte[]?> LoadAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_blobs.TryGetValue(sessionId, out var blob) ? (byte[]?)blob.ToArray() : null);

    public Task SaveAsync(string sessionId, byte[] protectedVault, CancellationToken cancellationToken = default)
    {
        _blobs[sessionId] = protectedVault.ToArray();
        return Task.CompletedTask;
    }
}
