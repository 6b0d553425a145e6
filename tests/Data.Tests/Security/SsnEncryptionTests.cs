using System.Security.Cryptography;
using System.Text;
using BankingLlm.Data.Entities;
using BankingLlm.Data.Security;
using BankingLlm.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Data.Tests.Security;

public sealed class SsnEncryptionTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_stored_ciphertext_contains_no_plaintext_and_decrypts_with_the_row_id()
    {
        var protector = db.Get<SsnProtector>();
        var customer = db.Get<CustomerFactory>().Create(TestData.Person(ssn: "900-55-1234"));
        await using (var ctx = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync())
        {
            ctx.Customers.Add(customer);
            await ctx.SaveChangesAsync();
        }
        await using var read = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        var stored = await read.Customers.AsNoTracking().SingleAsync(c => c.CustomerId == customer.CustomerId);

        foreach (var plain in new[] { "900551234", "900-55-1234", "1234" })
        {
            Assert.Equal(-1, stored.SsnEncrypted.AsSpan().IndexOf(Encoding.ASCII.GetBytes(plain)));
            Assert.DoesNotContain(plain, stored.SsnHash, StringComparison.Ordinal);
        }
        Assert.Equal("900551234", protector.Decrypt(stored.CustomerId, stored.SsnEncrypted));
        Assert.StartsWith("h1:", stored.SsnHash, StringComparison.Ordinal);
        Assert.Equal(3 + 64, stored.SsnHash.Length);
    }

    [Fact]
    public void Encrypting_the_same_ssn_twice_gives_different_ciphertexts_but_the_same_hash()
    {
        var protector = db.Get<SsnProtector>();
        var id = Guid.NewGuid();
        Assert.NotEqual(protector.Encrypt(id, "900-11-2222"), protector.Encrypt(id, "900-11-2222"));
        Assert.Equal(protector.Hash("900-11-2222"), protector.Hash("900112222"));
    }

    [Fact]
    public void Tampering_with_the_ciphertext_or_the_associated_data_fails_decryption()
    {
        var protector = db.Get<SsnProtector>();
        var id = Guid.NewGuid();
        var envelope = protector.Encrypt(id, "900-11-2222");

        for (var i = 5; i < envelope.Length; i++)
        {
            var tampered = (byte[])envelope.Clone();
            tampered[i] ^= 0x01;
            Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt(id, tampered));
        }
        // The same ciphertext copied onto another customer's row does not decrypt.
        Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt(Guid.NewGuid(), envelope));
        // A truncated envelope is refused, not mis-read.
        Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt(id, envelope[..10]));
    }

    [Theory]
    [InlineData("12345678")]
    [InlineData("1234567890")]
    [InlineData("123-45-678a")]
    [InlineData("")]
    public void A_malformed_ssn_is_refused(string ssn) =>
        Assert.Throws<ArgumentException>(() => SsnProtector.Normalize(ssn));
}
