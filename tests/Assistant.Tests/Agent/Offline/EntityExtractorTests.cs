using BankingLlm.TestSupport;
using BankingLlm.Assistant.Agent.Offline;

namespace BankingLlm.Assistant.Tests.Agent.Offline;

public sealed class EntityExtractorTests
{
    private static readonly EntityExtractor Extractor = new(new FixedClock(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("Move $200 from checking to savings", "200")]
    [InlineData("transfer 1,250.50 dollars to savings", "1250.50")]
    [InlineData("send two hundred dollars to savings", "200")]
    [InlineData("no, make it 300", "300")]
    [InlineData("move fifty bucks", "50")]
    [InlineData("pay $0.99", "0.99")]
    [InlineData("move money from my card ending 4821 to savings", null)]
    [InlineData("show my last 5 transactions", null)]
    [InlineData("what happened in the last 30 days", null)]
    public void Amounts(string text, string? expected)
    {
        var amount = Extractor.Extract(text).Amount;
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), amount);
    }

    [Theory]
    [InlineData("Move $200 from checking to savings", "checking", "savings")]
    [InlineData("move $200 to savings from checking", "checking", "savings")]
    [InlineData("transfer 100 into my savings", null, "savings")]
    [InlineData("pay my credit card 300 from checking", "checking", "credit_card")]
    [InlineData("send 20 from Everyday to Rainy Day", "Everyday", "Rainy Day")]
    [InlineData("move 50 from the account ending 4821 to savings", "ending 4821", "savings")]
    [InlineData("move 50 from [ACCOUNT_NUMBER_1] to [ACCOUNT_NUMBER_2]", "[ACCOUNT_NUMBER_1]", "[ACCOUNT_NUMBER_2]")]
    public void Transfer_direction(string text, string? from, string? to)
    {
        var e = Extractor.Extract(text, ["Everyday", "Rainy Day"]);
        Assert.Equal(from, e.FromAccount);
        Assert.Equal(to, e.ToAccount);
    }

    [Fact]
    public void Last_week_is_a_closed_range_in_the_past()
    {
        var dates = Extractor.Extract("what did I spend last week").Dates;
        Assert.NotNull(dates);
        Assert.Equal(new DateOnly(2026, 11, 16), dates.From);
        Assert.Equal(new DateOnly(2026, 11, 22), dates.To);
    }

    [Fact]
    public void Counts_days_and_bounds()
    {
        var e = Extractor.Extract("show the last 10 transactions over $100 in the past 2 weeks");
        Assert.Equal(10, e.Count);
        Assert.Equal(14, e.Days);
        Assert.Equal(100m, e.MinAmount);
    }

    [Fact]
    public void Merchant_names_after_at_or_from()
    {
        Assert.Equal("Home Depot", Extractor.Extract("find the charge from Home Depot").Merchant);
        Assert.Equal("Blue Bottle Coffee", Extractor.Extract("how much did I spend at Blue Bottle Coffee?").Merchant);
    }

    [Fact]
    public void Placeholders_are_kept_and_never_read_as_amounts()
    {
        var e = Extractor.Extract("my social is [SSN_1], move 20 to savings");
        Assert.Contains("[SSN_1]", e.Placeholders);
        Assert.Equal(20m, e.Amount);
    }
}
