using BankingLlm.Tools.Transfers;

namespace BankingLlm.Tools.Tests.Transfers;

public sealed class AbaRoutingNumberTests
{
    [Theory]
    [InlineData("021000021", true)]   // JPMorgan Chase NY
    [InlineData("011000015", true)]   // Federal Reserve Boston
    [InlineData("121000358", true)]   // Bank of America CA
    [InlineData("322271627", true)]   // Chase CA (thrift range)
    [InlineData("021-000-021", true)]
    [InlineData("021000022", false)]  // checksum
    [InlineData("121000359", false)]
    [InlineData("02100002", false)]   // eight digits
    [InlineData("0210000211", false)] // ten digits
    [InlineData("02100002A", false)]
    [InlineData("000000000", false)]
    [InlineData("500000005", false)]  // invalid prefix 50 despite checksum
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Validates_prefix_and_checksum(string? routing, bool valid) => Assert.Equal(valid, AbaRoutingNumber.IsValid(routing));
}
