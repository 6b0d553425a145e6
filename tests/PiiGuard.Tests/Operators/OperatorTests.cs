using BankingLlm.PiiGuard.Operators;
using BankingLlm.PiiGuard.Recording;
using BankingLlm.PiiGuard.Tests.TestSupport;
using BankingLlm.PiiGuard.Vault;

namespace BankingLlm.PiiGuard.Tests.Operators;

public sealed class OperatorTests
{
    [Fact]
    public void Placeholders_are_numbered_per_type_in_order_of_first_appearance()
    {
        var vault = new PiiVault("s1");
        var anonymizer = Guard.Anonymizer();
        var text = "SSN 123-45-6789, phone (415) 555-0132, SSN 987-65-4320 and phone 212-555-0199.";

        var masked = anonymizer.Anonymize(Guard.Analyzer.Analyze(text), vault).Text;

        Assert.Equal("SSN [SSN_1], phone [PHONE_1], SSN [SSN_2] and phone [PHONE_2].", masked);
    }

    [Fact]
    public void The_same_value_keeps_its_placeholder_for_the_session_whatever_its_formatting()
    {
        var vault = new PiiVault("s1");
        var anonymizer = Guard.Anonymizer();

        var first = anonymizer.Anonymize(Guard.Analyzer.Analyze("my SSN is 123-45-6789"), vault).Text;
        var other = anonymizer.Anonymize(Guard.Analyzer.Analyze("call (415) 555-0132"), vault).Text;
        var again = anonymizer.Anonymize(Guard.Analyzer.Analyze("SSN 123 45 6789 again, phone +1 415-555-0132"), vault).Text;
        var spoken = anonymizer.Anonymize(Guard.Analyzer.Analyze("my social is one two three four five six seven eight nine", PiiChannel.Voice), vault).Text;

        Assert.Equal("my SSN is [SSN_1]", first);
        Assert.Equal("call [PHONE_1]", other);
        Assert.Equal("SSN [SSN_1] again, phone [PHONE_1]", again);
        Assert.Equal("my social is [SSN_1]", spoken);
        Assert.Equal("123-45-6789", vault.Resolve("[SSN_1]"));
    }

    [Theory]
    [InlineData(PiiType.Ssn, "123-45-6789", "***-**-6789")]
    [InlineData(PiiType.CreditCard, "4111 1111 1111 1111", "**** 1111")]
    [InlineData(PiiType.AccountNumber, "CHK0012345678904821", "ending 4821")]
    [InlineData(PiiType.BankAccount, "GB82 WEST 1234 5698 7654 32", "ending 5432")]
    [InlineData(PiiType.Phone, "(415) 555-0132", "***-***-0132")]
    [InlineData(PiiType.Email, "Dana.Whitfield@Example.com", "D***@example.com")]
    [InlineData(PiiType.Address, "521 Juniper Ln", "[address]")]
    [InlineData(PiiType.Passport, "C35576155", "******155")]
    public void Display_masks_show_only_what_a_person_needs(PiiType type, string value, string expected) =>
        Assert.Equal(expected, DisplayMask.For(type, value));

    [Fact]
    public void Keyed_hash_is_deterministic_depends_on_the_key_and_never_contains_the_value()
    {
        var hasher = new HmacPiiValueHasher(new FixedHashKeyProvider(1));
        var otherKey = new HmacPiiValueHasher(new FixedHashKeyProvider(2));

        var hash = hasher.Hash(PiiType.Ssn, "123456789");

        Assert.Equal(hash, hasher.Hash(PiiType.Ssn, "123456789"));
        Assert.NotEqual(hash, otherKey.Hash(PiiType.Ssn, "123456789"));
        Assert.NotEqual(hash, hasher.Hash(PiiType.Passport, "123456789"));
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain("123456789", hash, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_hash_key_is_refused()
    {
        var hasher = new HmacPiiValueHasher(new ShortKey());

        Assert.Throws<InvalidOperationException>(() => hasher.Hash(PiiType.Ssn, "123456789"));
    }

    [Theory]
    [InlineData("card 4111 1111 1111 1111 exp 09/27 CVV 123 thanks", "card [CREDIT_CARD_1] exp 09/27 CVV [CVV_REMOVED] thanks")]
    [InlineData("the security code is 4321.", "the security code is [CVV_REMOVED].")]
    [InlineData("my cvc: 987", "my cvc: [CVV_REMOVED]")]
    public void Security_codes_are_dropped_and_never_stored(string text, string expected)
    {
        var vault = new PiiVault("s1");

        var result = Guard.Anonymizer().Anonymize(Guard.Analyzer.Analyze(text), vault);

        Assert.Equal(expected, result.Text);
        Assert.Equal(1, result.SecurityCodesDropped);
        var digits = new string([.. text.Split(' ').Last(w => w.Any(char.IsAsciiDigit) && w.Trim('.', ':').Length is 3 or 4).Where(char.IsAsciiDigit)]);
        Assert.DoesNotContain(vault.Entries(), e => (e.Value ?? "").Contains(digits, StringComparison.Ordinal));
    }

    [Fact]
    public void Three_digits_without_a_security_code_cue_are_kept()
    {
        var result = Guard.Anonymizer().Anonymize(Guard.Analyzer.Analyze("I paid 123 dollars at store 456"), new PiiVault("s1"));

        Assert.Equal("I paid 123 dollars at store 456", result.Text);
        Assert.Equal(0, result.SecurityCodesDropped);
    }

    [Fact]
    public void Cards_are_masked_but_their_number_is_not_kept()
    {
        var vault = new PiiVault("s1");

        var result = Guard.Anonymizer().Anonymize(Guard.Analyzer.Analyze("block card 4111 1111 1111 1111 and account CHK0012345678904821"), vault);

        Assert.Equal("block card [CREDIT_CARD_1] and account [ACCOUNT_NUMBER_1]", result.Text);
        Assert.False(vault.TryResolve("[CREDIT_CARD_1]", out _));
        Assert.Equal("**** 1111", vault.RenderForDisplay("[CREDIT_CARD_1]"));
        Assert.Equal("CHK0012345678904821", vault.Resolve("[ACCOUNT_NUMBER_1]"));
        Assert.Equal([PiiAction.Masked, PiiAction.Encrypted], result.Replacements.Select(r => r.Action));
    }

    [Fact]
    public void Allow_list_values_stay_and_deny_list_values_are_masked()
    {
        var options = Guard.Options(o =>
        {
            o.AllowList.Add("1-800-555-0100");
            o.DenyList.Add(new PiiDenyListEntry { Type = "account_number", Value = "ACME-42" });
        });
        var analyzer = new PiiGuard.Analysis.PiiAnalyzer(PiiGuard.Analysis.PiiAnalyzer.DefaultRecognizers(), options);

        var analysis = analyzer.Analyze("Call us at 1-800-555-0100 about acme-42 or (415) 555-0132.");
        var result = new PiiAnonymizer(Guard.Hasher, options).Anonymize(analysis, new PiiVault("s1"));

        Assert.Equal("Call us at 1-800-555-0100 about [ACCOUNT_NUMBER_1] or [PHONE_1].", result.Text);
        Assert.Equal(PiiAction.Allowed, Assert.Single(result.Untouched).Action);
    }

    [Fact]
    public void Per_type_threshold_can_switch_a_type_off()
    {
        var options = Guard.Options(o => o.Thresholds["phone"] = 1.0);
        var analyzer = new PiiGuard.Analysis.PiiAnalyzer(PiiGuard.Analysis.PiiAnalyzer.DefaultRecognizers(), options);

        var analysis = analyzer.Analyze("phone 4155550132, SSN 123-45-6789");

        Assert.Equal([PiiType.Ssn], analysis.Entities.Select(e => e.Type));
        Assert.Equal(PiiType.Phone, Assert.Single(analysis.Flagged).Type);
    }

    private sealed class ShortKey : IPiiHashKeyProvider
    {
        public ReadOnlySpan<byte> GetHashKey() => new byte[8];
    }
}
