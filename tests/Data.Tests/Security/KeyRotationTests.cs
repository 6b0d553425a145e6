using BankingLlm.Data.Entities;
using BankingLlm.Data.Security;
using BankingLlm.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Data.Tests.Security;

public sealed class KeyRotationTests
{
    [Fact]
    public async Task After_rotation_old_rows_decrypt_and_reencryption_moves_them_in_resumable_batches()
    {
        await using var db = new DatabaseFixture();
        await db.InitializeAsync();
        var factory = db.Get<CustomerFactory>();
        var protector = db.Get<SsnProtector>();
        var ssns = Enumerable.Range(0, 7).Select(i => $"900-77-{i:D4}").ToArray();
        var ids = new List<Guid>();
        await using (var ctx = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync())
        {
            foreach (var ssn in ssns)
            {
                var c = factory.Create(TestData.Person(ssn: ssn));
                ids.Add(c.CustomerId);
                ctx.Customers.Add(c);
            }
            await ctx.SaveChangesAsync();
        }

        var keys = db.Get<KeyRingProvider>();
        keys.Rotate(includeHashKey: true);
        Assert.Equal(2, keys.Current.ActiveDataKey.Version);

        // Old ciphertext still decrypts with the retained version-1 key.
        var job = db.Get<SsnReencryptionJob>();
        Assert.Equal(7, await job.RemainingAsync());
        await AssertAllDecryptAsync(db, protector, ids, ssns);

        // Stop after one batch of three, then resume: the job picks up where it left off.
        var partial = await job.RunAsync(batchSize: 3, maxBatches: 1);
        Assert.Equal(3, partial.Reencrypted);
        Assert.Equal(4, partial.Remaining);
        var rest = await job.RunAsync(batchSize: 3);
        Assert.Equal(4, rest.Reencrypted);
        Assert.Equal(0, rest.Remaining);

        await using var read = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        var rows = await read.Customers.AsNoTracking().Where(c => ids.Contains(c.CustomerId)).ToListAsync();
        Assert.All(rows, c => Assert.Equal(2, FieldEncryptor.KeyVersionOf(c.SsnEncrypted)));
        Assert.All(rows, c => Assert.StartsWith("h2:", c.SsnHash, StringComparison.Ordinal));
        await AssertAllDecryptAsync(db, protector, ids, ssns);

        // The re-hash keeps the unique check working under the new key.
        await using var dup = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        dup.Customers.Add(factory.Create(TestData.Person(ssn: ssns[0])));
        await Assert.ThrowsAsync<DbUpdateException>(() => dup.SaveChangesAsync());
    }

    [Fact]
    public void A_new_process_reading_the_rotated_key_file_keeps_every_version()
    {
        var path = Path.Combine(Path.GetTempPath(), $"keys-{Guid.NewGuid():N}.json");
        try
        {
            var provider = new KeyRingProvider(Microsoft.Extensions.Options.Options.Create(new KeyRingOptions { KeyFile = path }), TimeProvider.System);
            var envelope = new FieldEncryptor(provider).Encrypt("secret"u8, "ad"u8);
            provider.Rotate();
            var reloaded = new KeyRingProvider(Microsoft.Extensions.Options.Options.Create(new KeyRingOptions { KeyFile = path }), TimeProvider.System);
            Assert.Equal(2, reloaded.Current.ActiveDataKey.Version);
            Assert.Equal("secret"u8.ToArray(), new FieldEncryptor(reloaded).Decrypt(envelope, "ad"u8));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task AssertAllDecryptAsync(DatabaseFixture db, SsnProtector protector, List<Guid> ids, string[] ssns)
    {
        await using var ctx = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        var rows = await ctx.Customers.AsNoTracking().Where(c => ids.Contains(c.CustomerId)).ToDictionaryAsync(c => c.CustomerId);
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.Equal(ssns[i].Replace("-", "", StringComparison.Ordinal), protector.Decrypt(ids[i], rows[ids[i]].SsnEncrypted));
        }
    }
}
