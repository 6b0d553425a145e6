using System.Security.Cryptography;
using System.Text;
using BankingLlm.PiiGuard.Tests.TestSupport;
using BankingLlm.PiiGuard.Vault;

namespace BankingLlm.PiiGuard.Tests.Vault;

public sealed class PiiVaultTests
{
    [Fact]
    public async Task Concurrent_adds_give_each_value_exactly_one_placeholder_and_dense_numbers()
    {
        var vault = new PiiVault("s1");
        var values = Enumerable.Range(0, 200).Select(i => $"value-{i % 50}").ToArray();

        var placeholders = await Task.WhenAll(values.Select(v => Task.Run(() => vault.GetOrAddPlaceholder(PiiType.Phone, "hash-" + v, v, "mask"))));

        Assert.Equal(50, vault.Count);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], vault.Resolve(placeholders[i]));
        }

        var numbers = vault.Entries().Select(e => int.Parse(e.Placeholder["[PHONE_".Length..^1], System.Globalization.CultureInfo.InvariantCulture)).Order();
        Assert.Equal(Enumerable.Range(1, 50), numbers);
    }

    [Fact]
    public async Task Vault_round_trips_encrypted_through_the_protector_and_store()
    {
        var store = new InMemoryPiiVaultStore();
        var protector = new AesGcmTestProtector();
        var repository = new PiiVaultRepository(store, protector);
        var vault = await repository.LoadAsync("session-1");
        var placeholder = vault.GetOrAddPlaceholder(PiiType.AccountNumber, "h1", "CHK0012345678904821", "ending 4821");

        await repository.SaveAsync(vault);
        var blob = await store.LoadAsync("session-1");
        var reloaded = await repository.LoadAsync("session-1");

        Assert.NotNull(blob);
        Assert.DoesNotContain("CHK0012345678904821", Encoding.UTF8.GetString(blob), StringComparison.Ordinal);
        Assert.Equal("CHK0012345678904821", reloaded.Resolve(placeholder));
        Assert.False(reloaded.IsDirty);
        Assert.Equal("[ACCOUNT_NUMBER_2]", reloaded.GetOrAddPlaceholder(PiiType.AccountNumber, "h2", "SAV1234567890123456", "ending 3456"));
    }

    [Fact]
    public async Task A_vault_cannot_be_replayed_into_another_session()
    {
        var store = new InMemoryPiiVaultStore();
        var protector = new AesGcmTestProtector();
        var repository = new PiiVaultRepository(store, protector);
        var vault = await repository.LoadAsync("session-a");
        vault.GetOrAddPlaceholder(PiiType.Ssn, "h", "123-45-6789", "***-**-6789");
        await repository.SaveAsync(vault);

        await store.SaveAsync("session-b", (await store.LoadAsync("session-a"))!);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => repository.LoadAsync("session-b"));
    }

    [Fact]
    public async Task An_unchanged_vault_is_not_written_again()
    {
        var protector = new AesGcmTestProtector();
        var repository = new PiiVaultRepository(new InMemoryPiiVaultStore(), protector);
        var vault = await repository.LoadAsync("s");

        await repository.SaveAsync(vault);

        Assert.Equal(0, protector.ProtectCalls);
    }

    [Fact]
    public void Placeholders_resolve_for_tools_and_render_for_people()
    {
        var vault = new PiiVault("s");
        vault.GetOrAddPlaceholder(PiiType.AccountNumber, "h", "CHK0012345678904821", "ending 4821");

        Assert.Equal("move $5 from CHK0012345678904821 to [ACCOUNT_NUMBER_9]", vault.ResolvePlaceholders("move $5 from [ACCOUNT_NUMBER_1] to [ACCOUNT_NUMBER_9]"));
        Assert.Equal("account ending 4821", vault.RenderForDisplay("account [ACCOUNT_NUMBER_1]"));
        Assert.Throws<KeyNotFoundException>(() => vault.Resolve("[SSN_1]"));
    }
}
