using BankingLlm.PiiGuard.Tests.TestSupport;

namespace BankingLlm.PiiGuard.Tests.Recognizers;

/// <summary>
/// Forms and cues that the development corpus does not contain, so the recognizers are not tuned to its lines only:
/// other networks, countries, state formats, cue spellings, lower-case typed addresses, voice variants.
/// </summary>
public sealed class VariantTests
{
    public static TheoryData<string, PiiChannel, PiiType, string> Positives => new()
    {
        { "SS# 219-09-9999 is on the form", PiiChannel.Chat, PiiType.Ssn, "219-09-9999" },
        { "Social Security No. 078051120", PiiChannel.Chat, PiiType.Ssn, "078051120" },
        { "my ssn: 987 65 4321", PiiChannel.Chat, PiiType.Ssn, "987 65 4321" },
        { "Visa 4222222222222 (13 digits)", PiiChannel.Chat, PiiType.CreditCard, "4222222222222" },
        { "card number 4000-0566-5566-5556", PiiChannel.Chat, PiiType.CreditCard, "4000-0566-5566-5556" },
        { "Amex 3714 496353 98431 please", PiiChannel.Chat, PiiType.CreditCard, "3714 496353 98431" },
        { "Discover 6500 0000 0000 0002", PiiChannel.Chat, PiiType.CreditCard, "6500 0000 0000 0002" },
        { "RTN 011000015 for the deposit", PiiChannel.Chat, PiiType.BankAccount, "011000015" },
        { "ABA routing # 021000021 thanks", PiiChannel.Chat, PiiType.BankAccount, "021000021" },
        { "my iban is ch93 0076 2011 6238 5295 7", PiiChannel.Chat, PiiType.BankAccount, "ch93 0076 2011 6238 5295 7" },
        { "IBAN NO9386011117947", PiiChannel.Chat, PiiType.BankAccount, "NO9386011117947" },
        { "IBAN FR1420041010050500013M02606", PiiChannel.Chat, PiiType.BankAccount, "FR1420041010050500013M02606" },
        { "acct 12345678 at routing 021000021", PiiChannel.Chat, PiiType.BankAccount, "12345678" },
        { "what is on 12K4SAV8812345678901", PiiChannel.Chat, PiiType.AccountNumber, "12K4SAV8812345678901" },
        { "my checking is MMA00000000000000001", PiiChannel.Chat, PiiType.AccountNumber, "MMA00000000000000001" },
        { "call me on +1 212 555 0199 tonight", PiiChannel.Chat, PiiType.Phone, "+1 212 555 0199" },
        { "my mobile +49 30 12345678", PiiChannel.Chat, PiiType.Phone, "+49 30 12345678" },
        { "the Dublin number +353-1-234-5678", PiiChannel.Chat, PiiType.Phone, "+353-1-234-5678" },
        { "area code five oh three five five five oh one two three", PiiChannel.Voice, PiiType.Phone, "five oh three five five five oh one two three" },
        { "text me at 12125550199", PiiChannel.Chat, PiiType.Phone, "12125550199" },
        { "Mail to first.last+bank@sub.example.co.uk", PiiChannel.Chat, PiiType.Email, "first.last+bank@sub.example.co.uk" },
        { "address is 1600 Pennsylvania Ave NW, Washington, DC 20500", PiiChannel.Chat, PiiType.Address, "1600 Pennsylvania Ave NW, Washington, DC 20500" },
        { "deliver to 12 N. Main St., Ste. 300, Austin, Texas 78701", PiiChannel.Chat, PiiType.Address, "12 N. Main St., Ste. 300, Austin, Texas 78701" },
        { "my new address is 77 martin luther king jr blvd, atlanta, ga 30303", PiiChannel.Chat, PiiType.Address, "77 martin luther king jr blvd" },
        { "send it to 4 Elm Pl Apt 2C", PiiChannel.Chat, PiiType.Address, "4 Elm Pl Apt 2C" },
        { "i live at twelve oh five elm court springfield illinois six two seven oh one", PiiChannel.Voice, PiiType.Address, "twelve oh five elm court springfield illinois six two seven oh one" },
        { "passport no: 912345678", PiiChannel.Chat, PiiType.Passport, "912345678" },
        { "Z12345678 is my passport number", PiiChannel.Chat, PiiType.Passport, "Z12345678" },
        { "Drivers licence: W12345678901", PiiChannel.Chat, PiiType.DriversLicense, "W12345678901" },
        { "DL 99999999 (Texas)", PiiChannel.Chat, PiiType.DriversLicense, "99999999" },
        { "my drivers license is d one two three four five six seven", PiiChannel.Voice, PiiType.DriversLicense, "d one two three four five six seven" },
        { "SSN:123-45-6789.", PiiChannel.Chat, PiiType.Ssn, "123-45-6789" },
        { "call (415)555-0132 after 5", PiiChannel.Chat, PiiType.Phone, "(415)555-0132" },
        { "cell: 415 555-0132", PiiChannel.Chat, PiiType.Phone, "415 555-0132" },
        { "UK mobile +44 7700 900123", PiiChannel.Chat, PiiType.Phone, "+44 7700 900123" },
        { "email <Jane.Doe@Example.COM> please", PiiChannel.Chat, PiiType.Email, "Jane.Doe@Example.COM" },
        { "ship to 500 W. 5th Ave., Anchorage, AK 99501.", PiiChannel.Chat, PiiType.Address, "500 W. 5th Ave., Anchorage, AK 99501" },
        { "I live at 123 Main Street, Apt 4, Springfield, IL 62701", PiiChannel.Chat, PiiType.Address, "123 Main Street, Apt 4, Springfield, IL 62701" },
        { "my ss number is nine eight seven six five four three two one", PiiChannel.Voice, PiiType.Ssn, "nine eight seven six five four three two one" },
        { "card number four one one one dash one one one one dash one one one one dash one one one one", PiiChannel.Voice, PiiType.CreditCard, "four one one one dash one one one one dash one one one one dash one one one one" },
        { "balance of account #CHK0012345678901234?", PiiChannel.Chat, PiiType.AccountNumber, "CHK0012345678901234" },
        { "update my address to four twenty one oak street apartment four b springfield illinois six two seven oh one", PiiChannel.Voice, PiiType.Address, "four twenty one oak street apartment four b springfield illinois six two seven oh one" },
        { "my social security card says 123456789", PiiChannel.Chat, PiiType.Ssn, "123456789" },
        { "the card from Social Security shows 123-45-6789", PiiChannel.Chat, PiiType.Ssn, "123-45-6789" },
        { "my passport card number is C12345678", PiiChannel.Chat, PiiType.Passport, "C12345678" },
        { "My driver's license number, as printed on the card, is D1234567.", PiiChannel.Chat, PiiType.DriversLicense, "D1234567" },
        { "my email is j smith at example dot com", PiiChannel.Voice, PiiType.Email, "smith at example dot com" },
    };

    public static TheoryData<string, PiiChannel> Negatives => new()
    {
        { "Invoice 123456789 was paid on 03/06/2024 for $1,250.00", PiiChannel.Chat },
        { "Order #4111111111111111 shipped", PiiChannel.Chat },
        { "Your claim number is 987-65-4321.", PiiChannel.Chat },
        { "Batch 20240311000123456 settled", PiiChannel.Chat },
        { "ACH return code R01 on check 2355", PiiChannel.Chat },
        { "I paid USD 300.00, 4.25% APR, on 2024-06-16 at 11:45pm", PiiChannel.Chat },
        { "The membership number 1234567890123456 expired", PiiChannel.Chat },
        { "Case CASE-2024-0001 is open since 12/13/2025", PiiChannel.Chat },
        { "my card ending in 4242 and ****-****-****-1111", PiiChannel.Chat },
        { "my zip is 10001 and I am in New York, NY", PiiChannel.Chat },
        { "the tracking number is one two three four five six seven eight nine", PiiChannel.Voice },
        { "i paid four hundred and twelve dollars on june third", PiiChannel.Voice },
        { "the confirmation code is four four seven eight nine one two three", PiiChannel.Voice },
    };

    [Theory]
    [MemberData(nameof(Positives))]
    public void Recognises_forms_beyond_the_corpus(string text, PiiChannel channel, PiiType type, string expected) =>
        Assert.Contains((type, expected), Guard.Detect(text, channel));

    [Theory]
    [MemberData(nameof(Negatives))]
    public void Leaves_hard_negatives_alone(string text, PiiChannel channel) =>
        Assert.Empty(Guard.Detect(text, channel));
}
