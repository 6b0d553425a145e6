using BankingLlm.Data.Entities;
using BankingLlm.Tools.Accounts;

namespace BankingLlm.Tools.Tests.Accounts;

public sealed class AccountResolverTests
{
    private static readonly Guid Owner = Guid.NewGuid();

    private static Account A(AccountType type, string number, string? nickname = null) => new()
    {
        AccountId = Guid.NewGuid(), CustomerId = Owner, PrimaryOwner = Owner, AccountNumber = number, AccountType = type, Nickname = nickname,
    };

    private static readonly Account Everyday = A(AccountType.Checking, "CHK20261125004821", "Everyday");
    private static readonly Account Bills = A(AccountType.Checking, "CHK20261125007730", "Bills");
    private static readonly Account Savings = A(AccountType.Savings, "SAV20261125009912", "Rainy Day");
    private static readonly Account Card = A(AccountType.CreditCard, "CCA20261125001234");
    private static readonly Account[] All = [Everyday, Bills, Savings, Card];

    public static TheoryData<string, string> Resolvable => new()
    {
        { "Everyday", "CHK20261125004821" },
        { "everyday", "CHK20261125004821" },
        { "my Everyday account", "CHK20261125004821" },
        { "rainy day", "SAV20261125009912" },
        { "savings", "SAV20261125009912" },
        { "my savings account", "SAV20261125009912" },
        { "ending 4821", "CHK20261125004821" },
        { "ending in 7730", "CHK20261125007730" },
        { "****9912", "SAV20261125009912" },
        { "x1234", "CCA20261125001234" },
        { "4821", "CHK20261125004821" },
        { "checking ending 7730", "CHK20261125007730" },
        { "credit card", "CCA20261125001234" },
        { "card", "CCA20261125001234" },
        { "CHK20261125004821", "CHK20261125004821" },
        { "chk2026 1125 0048 21", "CHK20261125004821" },
    };

    [Theory]
    [MemberData(nameof(Resolvable))]
    public void Resolves_type_nickname_last_four_and_full_number(string reference, string expected) =>
        Assert.Equal(expected, AccountResolver.Resolve(All, reference).AccountNumber);

    public static TheoryData<string> NotFound => new()
    {
        "ending 5555", "CHK99999999999999", "loan", "investment", "482", "48211", "12345678", "Holiday fund", "savings ending 4821",
    };

    [Theory]
    [MemberData(nameof(NotFound))]
    public void Unknown_and_foreign_references_are_not_found(string reference)
    {
        var ex = Assert.Throws<ToolRefusalException>(() => AccountResolver.Resolve(All, reference));
        Assert.Equal(Refusals.AccountNotFound, ex.Message);
    }

    [Fact]
    public void Ambiguous_references_list_the_options_by_last_four_only()
    {
        var ex = Assert.Throws<ToolRefusalException>(() => AccountResolver.Resolve(All, "checking"));
        Assert.Equal("account_ambiguous", ex.Code);
        Assert.Contains("ending 4821", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ending 7730", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("CHK2026", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_nickname_matches_only_as_a_whole_word()
    {
        var a = A(AccountType.Checking, "CHK20261125000001", "A");
        var savings = A(AccountType.Savings, "SAV20261125000002");
        Assert.Same(savings, AccountResolver.Resolve([a, savings], "savings"));
        Assert.Same(a, AccountResolver.Resolve([a, savings], "account A"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_reference_asks_which_account(string reference) =>
        Assert.Equal("account_missing", Assert.Throws<ToolRefusalException>(() => AccountResolver.ResolveAsync(null!, Owner, reference, default).GetAwaiter().GetResult()).Code);
}
