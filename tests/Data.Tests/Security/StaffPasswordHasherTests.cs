using BankingLlm.Data.Security;

namespace BankingLlm.Data.Tests.Security;

public sealed class StaffPasswordHasherTests
{
    [Fact]
    public void A_password_is_stored_as_bcrypt_and_verifies_only_itself()
    {
        var hash = StaffPasswordHasher.Hash("correct horse battery staple");
        Assert.StartsWith("$2", hash, StringComparison.Ordinal);
        Assert.DoesNotContain("horse", hash, StringComparison.Ordinal);
        Assert.True(StaffPasswordHasher.Verify("correct horse battery staple", hash));
        Assert.False(StaffPasswordHasher.Verify("correct horse battery stapler", hash));
        Assert.False(StaffPasswordHasher.Verify("", hash));
    }

    [Fact]
    public void A_short_password_is_refused() =>
        Assert.Throws<ArgumentException>(() => StaffPasswordHasher.Hash("short"));
}
