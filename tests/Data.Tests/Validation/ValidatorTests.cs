using System.Globalization;
using BankingLlm.Data.Validation;

namespace BankingLlm.Data.Tests.Validation;

public sealed class ValidatorTests
{
    [Theory]
    [InlineData("0.01", true)]
    [InlineData("999999.99", true)]
    [InlineData("10000.00", true)]
    [InlineData("0.00", false)]
    [InlineData("0.009", false)]
    [InlineData("1000000.00", false)]
    [InlineData("-1.00", false)]
    [InlineData("12.345", false)]
    public void Amount(string value, bool valid) =>
        Assert.Equal(valid, AmountValidator.IsValid(decimal.Parse(value, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("john@example.com", true)]
    [InlineData("first.last+tag@sub.example.co", true)]
    [InlineData("o'brien@example.com", false)]
    [InlineData("no-at-sign.example.com", false)]
    [InlineData("a@b.c", false)]
    [InlineData("a@@example.com", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Email(string? value, bool valid) => Assert.Equal(valid, EmailValidator.IsValid(value));

    [Theory]
    [InlineData("CHK0012345678901234", true)]
    [InlineData("1234567890123456", true)]
    [InlineData("12345678901234567890", true)]
    [InlineData("123456789012345", false)]
    [InlineData("123456789012345678901", false)]
    [InlineData("CHK-0012-3456-7890", false)]
    [InlineData("CHK 0012345678901234", false)]
    [InlineData("CHKé012345678901234", false)]
    [InlineData(null, false)]
    public void AccountNumber(string? value, bool valid) => Assert.Equal(valid, AccountNumberValidator.IsValid(value));

    [Fact]
    public void A_refusal_names_the_rule_without_echoing_personal_data()
    {
        var ex = Assert.Throws<DataValidationException>(() => EmailValidator.Validate("secret.person@"));
        Assert.DoesNotContain("secret.person", ex.Message, StringComparison.Ordinal);
        Assert.Equal("email", ex.Field);
    }
}
