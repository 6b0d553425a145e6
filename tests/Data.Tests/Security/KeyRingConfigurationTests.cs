using BankingLlm.TestSupport;
using BankingLlm.Data.Security;
using Microsoft.Extensions.Options;

namespace BankingLlm.Data.Tests.Security;

public sealed class KeyRingConfigurationTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"keys-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    private KeyRingProvider Provider(KeyRingOptions? options = null) =>
        new(Options.Create(options ?? new KeyRingOptions { KeyFile = _path }), TimeProvider.System);

    [Fact]
    public void With_no_keys_configured_a_development_key_file_is_generated_owner_readable_only()
    {
        var ring = Provider().Current;
        Assert.True(File.Exists(_path));
        Assert.Equal(1, ring.ActiveDataKey.Version);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_path));
        Assert.NotEqual(ring.ActiveDataKey.Material, ring.ActiveHashKey.Material);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{}")]
    [InlineData("""{"dataKeys":[{"version":1,"key":"@@@"}],"hashKeys":[{"version":1,"key":"AAAA"}]}""")]
    [InlineData("""{"dataKeys":[{"version":1,"key":"AAAA"}],"hashKeys":[{"version":1,"key":"AAAA"}]}""")]
    public void A_corrupt_key_file_gives_a_message_naming_the_file(string content)
    {
        File.WriteAllText(_path, content);
        var ex = Assert.Throws<KeyRingException>(() => Provider().Current);
        Assert.Contains(_path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_keys_are_used_and_must_be_32_bytes()
    {
        var key = Convert.ToBase64String(new byte[32]);
        var ok = Provider(new KeyRingOptions { KeyFile = _path, DataKeys = { ["1"] = key, ["2"] = key }, HashKeys = { ["1"] = key } });
        Assert.Equal(2, ok.Current.ActiveDataKey.Version);
        Assert.False(File.Exists(_path));
        Assert.Throws<KeyRingException>(() => ok.Rotate());

        var shortKey = Provider(new KeyRingOptions { DataKeys = { ["1"] = Convert.ToBase64String(new byte[16]) }, HashKeys = { ["1"] = key } });
        Assert.Contains("32 bytes", Assert.Throws<KeyRingException>(() => shortKey.Current).Message, StringComparison.Ordinal);

        var noHash = Provider(new KeyRingOptions { DataKeys = { ["1"] = key } });
        Assert.Contains("HashKeys", Assert.Throws<KeyRingException>(() => noHash.Current).Message, StringComparison.Ordinal);

        var badActive = Provider(new KeyRingOptions { DataKeys = { ["1"] = key }, HashKeys = { ["1"] = key }, ActiveDataKeyVersion = 3 });
        Assert.Contains("ActiveDataKeyVersion", Assert.Throws<KeyRingException>(() => badActive.Current).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotation_is_due_after_the_configured_period()
    {
        var clock = new FixedClock(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var provider = new KeyRingProvider(Options.Create(new KeyRingOptions { KeyFile = _path, RotationDays = 90 }), clock);
        Assert.False(provider.IsRotationDue());
        clock.Now = clock.Now.AddDays(89);
        Assert.False(provider.IsRotationDue());
        clock.Now = clock.Now.AddDays(1);
        Assert.True(provider.IsRotationDue());
    }
}
