using BankingLlm.PiiGuard.Tests.TestSupport;

namespace BankingLlm.PiiGuard.Tests.Recognizers;

/// <summary>
/// Table-driven positives and negatives per type, through the analyzer so cues, overlaps and thresholds count.
/// Each row: the text, and the one value expected (or null when nothing may be detected).
/// </summary>
public sealed class RecognizerTests
{
    public static TheoryData<string, string?> Ssn => new()
    {
        { "My SSN is 912-44-0917, can you check?", "912-44-0917" },
        { "social security number 078 05 1120 please", "078 05 1120" },
        { "SSN 123456789 on file", "123456789" },
        { "it wants my social: 666123456", "666123456" },
        { "soc. sec. no. 900-12-0000 is the one", "900-12-0000" },
        { "reference 884213907 is pending", null },
        { "order 123-45-6789 shipped", null },
        { "call 415-555-0132 now", null }, // phone, not SSN
        { "It costs $123456789 total", null },
        { "Number 123456789 without any cue", null },
        { "12-345-6789 wrong grouping", null },
        { "123-45 6789 mixed separators", null },
    };

    public static TheoryData<string, string?> CreditCard => new()
    {
        { "card 4111 1111 1111 1111 was declined", "4111 1111 1111 1111" },
        { "my amex 3782-822463-10005 please", "3782-822463-10005" },
        { "Discover 6011111111111117 lost", "6011111111111117" },
        { "Mastercard 5555555555554444 stolen", "5555555555554444" },
        { "new card 2223003122003222 arrived", "2223003122003222" },
        { "card 4111 1111 1111 1112 fails Luhn", null },
        { "card ending 4242 was used", null },
        { "************4242 shows on the statement", null },
        { "XXXX-XXXX-XXXX-4242 is masked", null },
        { "gift card code 6071606743010993965", null },
        { "tracking 1692251810240569 delivered", null },
        { "card 4111 1111-1111 1111 mixed separators", null },
        { "9111111111111111 has no network prefix", null },
    };

    public static TheoryData<string, string?> BankAccount => new()
    {
        { "routing number 021000021 for my bank", "021000021" },
        { "ABA 011000015 please", "011000015" },
        { "IBAN DE89 3704 0044 0532 0130 00 for the wire", "DE89 3704 0044 0532 0130 00" },
        { "send to GB82WEST12345698765432 today", "GB82WEST12345698765432" },
        { "routing 021000022 fails the checksum", null },
        { "routing 991000027 has no Fed prefix", null },
        { "IBAN DE89 3704 0044 0532 0130 01 bad check digits", null },
        { "the number 021000021 was on the form", null },
        { "I typed 028076972 as the routing number", null },
    };

    public static TheoryData<string, string?> AccountNumber => new()
    {
        { "balance on account CHK0012345678901234 please", "CHK0012345678901234" },
        { "move $20 from 1518SAV97572894934 to savings", "1518SAV97572894934" },
        { "overdraft fee on 9703076175656730 again", "9703076175656730" },
        { "Transaction ID TRX20240311A9948213 failed", null },
        { "confirmation FT982084H8HP never arrived", null },
        { "reference number REF20240311A9948213 pending", null },
        { "the gift card code 372488717820792712 is empty", null },
        { "account CHKABCDEFGHIJ1234 has too few digits", null },
        { "account chk0012345678901234 lower case", null },
    };

    public static TheoryData<string, string?> Phone => new()
    {
        { "call me at (415) 555-0132 today", "(415) 555-0132" },
        { "my cell is 415.555.0132", "415.555.0132" },
        { "reach me at +1 (415) 555-0132", "+1 (415) 555-0132" },
        { "new number 1-415-555-0132", "1-415-555-0132" },
        { "phone 4155550132 please", "4155550132" },
        { "London office +44 20 7946 0958", "+44 20 7946 0958" },
        { "text +44 (0)20 7946 0958 tomorrow", "+44 (0)20 7946 0958" },
        { "Paris +33199007012 works", "+33199007012" },
        { "account 2383172295 with routing 305207540", null },
        { "reference 4155550132 is the case", null },
        { "I paid $4,155.50 on 2/11", null },
        { "the date 2023-05-07 at 11:45pm", null },
        { "call 015-555-0132 invalid area code", null },
    };

    public static TheoryData<string, string?> Email => new()
    {
        { "email dana.whitfield@example.com please", "dana.whitfield@example.com" },
        { "write to grace-brennan@inbox.example.", "grace-brennan@inbox.example" },
        { "contact a_b+tag@sub.mail.example.org now", "a_b+tag@sub.mail.example.org" },
        { "user@localhost is not an address", null },
        { "meet @ 5pm at the branch", null },
    };

    public static TheoryData<string, string?> Address => new()
    {
        { "I moved to 521 Juniper Ln, San Jose, California 95112-1959.", "521 Juniper Ln, San Jose, California 95112-1959" },
        { "the branch at 4715 S Oak Ridge Trail, Boise, ID is closed", "4715 S Oak Ridge Trail, Boise, ID" },
        { "mail it to 889 Lakeview Terrace, Apt. 24, San Jose, CA 95112", "889 Lakeview Terrace, Apt. 24, San Jose, CA 95112" },
        { "ship to 699 Chestnut Hill Cir #15 Denver CO 80203-9519", "699 Chestnut Hill Cir #15 Denver CO 80203-9519" },
        { "my address is 2204 18th Drive, Albany, New York 12203", "2204 18th Drive, Albany, New York 12203" },
        { "My new address is 372 Prospect Lane.", "372 Prospect Lane" },
        { "Is there a branch near 94107?", null },
        { "I live in Denver, CO 80203", null },
        { "It took 6 days to fix and 8 business days to refund", null },
        { "I paid $1,250.00 Main Street Bakery", null },
        { "we have 2 cards on the way", null },
    };

    public static TheoryData<string, string?> Passport => new()
    {
        { "my passport is C35576155 thanks", "C35576155" },
        { "Passport number 865546374, issued October 4", "865546374" },
        { "the name on my passport (348599186) is old", "348599186" },
        { "U.S. passport # A12345678 attached", "A12345678" },
        { "ticket C3129025 was closed", null },
        { "document C35576155 without a cue", null },
        { "my passport expired and my SSN is 123456789", "123456789" }, // SSN cue is nearest: it is an SSN
    };

    public static TheoryData<string, string?> DriversLicense => new()
    {
        { "driver's license D1234567 please", "D1234567" },
        { "DL# 545 963 042 for verification", "545 963 042" },
        { "Florida driver license S530-460-53-123-0 attached", "S530-460-53-123-0" },
        { "my license is S123-4567-8901", "S123-4567-8901" },
        { "New Jersey license A1234 56789 01234 renewed", "A1234 56789 01234" },
        { "license number 12345678 exactly", "12345678" },
        { "D1234567 without a cue", null },
        { "the case number 12345678 is open", null },
    };

    [Theory]
    [MemberData(nameof(Ssn))]
    public void Ssn_positives_and_negatives(string text, string? expected) => AssertOnly(PiiType.Ssn, text, expected);

    [Theory]
    [MemberData(nameof(CreditCard))]
    public void Credit_card_positives_and_negatives(string text, string? expected) => AssertOnly(PiiType.CreditCard, text, expected);

    [Theory]
    [MemberData(nameof(BankAccount))]
    public void Bank_account_positives_and_negatives(string text, string? expected) => AssertOnly(PiiType.BankAccount, text, expected, allowOthers: true);

    [Theory]
    [MemberData(nameof(AccountNumber))]
    public void Account_number_positives_and_negatives(string text, string? expected) => AssertOnly(PiiType.AccountNumber, text, expected);

    [Theory]
    [MemberData(nameof(Phone))]
    public void Phone_positives_and_negatives(string text, string? expected) => AssertOnly(PiiType.Phone, text, expected, allowOthers: true);

    [Theory]
    [MemberData(nameof(Email))]
    public void Email_positives_and_negatives(string text, string? expected) => AssertOnly(PiiType.Email, text, expected);

    [Theory]
    [MemberData(nameof(Address))]
    public void Address_positives_and_negatives(string text, string? expected) => AssertOnly(PiiType.Address, text, expected);

    [Theory]
    [MemberData(nameof(Passport))]
    public void Passport_positives_and_negatives(string text, string? expected) =>
        AssertOnly(text.Contains("SSN", StringComparison.Ordinal) ? PiiType.Ssn : PiiType.Passport, text, expected);

    [Theory]
    [MemberData(nameof(DriversLicense))]
    public void Drivers_license_positives_and_negatives(string text, string? expected) => AssertOnly(PiiType.DriversLicense, text, expected);

    [Fact]
    public void Routing_and_external_account_are_two_entities()
    {
        var found = Guard.Detect("routing 021000021 account 123456789012 at my credit union");

        Assert.Equal([(PiiType.BankAccount, "021000021"), (PiiType.BankAccount, "123456789012")], found);
    }

    [Fact]
    public void Nine_digits_take_the_type_of_the_nearest_cue()
    {
        var found = Guard.Detect("KYC upload: passport 275033221, SSN 926375769, driver's license 784692251.");

        Assert.Equal([(PiiType.Passport, "275033221"), (PiiType.Ssn, "926375769"), (PiiType.DriversLicense, "784692251")], found);
    }

    [Fact]
    public void Every_result_carries_recognizer_score_and_explanation_without_the_value()
    {
        var entity = Assert.Single(PiiGuard.Analysis.PiiAnalyzer.CreateDefault().Analyze("card 4111 1111 1111 1111").Entities);

        Assert.Equal(nameof(BankingLlm.PiiGuard.Recognizers.CreditCardRecognizer), entity.Recognizer);
        Assert.InRange(entity.Score, 0.5, 1.0);
        Assert.Contains("Luhn", entity.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", entity.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", entity.ToString(), StringComparison.Ordinal);
    }

    private static void AssertOnly(PiiType type, string text, string? expected, bool allowOthers = false)
    {
        var found = Guard.Detect(text);
        var ofType = found.Where(f => f.Type == type).Select(f => f.Text).ToList();
        if (expected is null)
        {
            Assert.Empty(ofType);
        }
        else
        {
            Assert.Equal([expected], ofType);
            if (!allowOthers)
            {
                Assert.All(found, f => Assert.Equal(type, f.Type));
            }
        }
    }
}
