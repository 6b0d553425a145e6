using BankingLlm.PiiGuard.Text;

namespace BankingLlm.PiiGuard.Tests.Text;

public sealed class ChecksumsTests
{
    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("378282246310005", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("1", false)]
    [InlineData("", false)]
    public void Luhn(string value, bool valid) => Assert.Equal(valid, Checksums.IsValidLuhn(value));

    [Theory]
    [InlineData("021000021", true)]
    [InlineData("011000015", true)]
    [InlineData("322271627", true)]
    [InlineData("021000022", false)] // checksum
    [InlineData("991000027", false)] // not a Federal Reserve prefix
    [InlineData("131000018", false)] // 13-20 is not a routing prefix
    [InlineData("02100002", false)]
    [InlineData("02100002a", false)]
    public void Aba_routing(string value, bool valid) => Assert.Equal(valid, Checksums.IsValidAbaRouting(value));

    [Theory]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("GB29 NWBK 6016 1331 9268 19", true)]
    [InlineData("gb29nwbk60161331926819", true)]
    [InlineData("NO9386011117947", true)]
    [InlineData("DE89370400440532013001", false)] // check digits
    [InlineData("DE8937040044053201300", false)]  // German length is 22
    [InlineData("XX89370400440532013000", false)] // unknown country
    [InlineData("DE89-3704-0044-0532-0130-00", false)]
    public void Iban(string value, bool valid) => Assert.Equal(valid, Checksums.IsValidIban(value));

    [Theory]
    [InlineData("4111111111111111", "Visa")]
    [InlineData("4222222222222", "Visa")]
    [InlineData("5555555555554444", "Mastercard")]
    [InlineData("2223003122003222", "Mastercard")]
    [InlineData("378282246310005", "American Express")]
    [InlineData("6011111111111117", "Discover")]
    [InlineData("6500000000000002", "Discover")]
    [InlineData("3530111333300000", null)] // JCB: not a network of the data model
    [InlineData("411111111111111", null)]  // Visa needs 13, 16 or 19 digits
    public void Card_network(string digits, string? network) => Assert.Equal(network, Checksums.CardNetwork(digits));
}
