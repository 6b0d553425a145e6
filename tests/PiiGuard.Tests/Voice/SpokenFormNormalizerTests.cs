using BankingLlm.PiiGuard.Tests.TestSupport;
using BankingLlm.PiiGuard.Voice;

namespace BankingLlm.PiiGuard.Tests.Voice;

public sealed class SpokenFormNormalizerTests
{
    [Theory]
    [InlineData("my ssn is one two three four five six seven eight nine", "my ssn is 123456789")]
    [InlineData("nine oh seven triple five oh one five six", "9075550156")]
    [InlineData("double five zero", "550")]
    [InlineData("plus double four two oh seven nine four six oh nine five eight", "+442079460958")]
    [InlineData("account s a v five eight one two three four five six", "account SAV58123456")]
    [InlineData("spell it c h k", "spell it CHK")]
    [InlineData("dana dot whitfield at example dot com", "dana.whitfield@example.com")]
    [InlineData("aisha underscore reyes zero three at mail dash box dot example dot org", "aisha_reyes03@mail-box.example.org")]
    [InlineData("i live at four twenty one oak street", "i live at 421 oak street")]
    [InlineData("twelve oh five elm court", "1205 elm court")]
    [InlineData("six hundred forty three main road", "643 main road")]
    [InlineData("seventy six fifty willow drive", "7650 willow drive")]
    [InlineData("forty six southwest thirty third parkway", "46 southwest 33rd parkway")]
    [InlineData("seventy seven fifth boulevard", "77 5th boulevard")]
    [InlineData("three thousand three hundred sixteen dollars", "3316 dollars")]
    [InlineData("oh okay i was at home", "oh okay i was at home")]
    [InlineData("i have a question", "i have a question")]
    public void Normalizes_spoken_forms(string spoken, string written) =>
        Assert.Equal(written, SpokenFormNormalizer.Normalize(spoken).Text);

    [Fact]
    public void Text_without_spoken_forms_maps_to_itself()
    {
        var normalized = SpokenFormNormalizer.Normalize("what time does the branch close");

        Assert.False(normalized.IsNormalized);
        Assert.Equal((6, 10), normalized.ToOriginal(6, 10));
    }

    [Fact]
    public void Every_normalised_span_maps_back_to_whole_spoken_tokens()
    {
        const string spoken = "my social is nine eight seven six five four three double two thanks";
        var normalized = SpokenFormNormalizer.Normalize(spoken);
        var start = normalized.Text.IndexOf("987654322", StringComparison.Ordinal);

        var (originalStart, originalEnd) = normalized.ToOriginal(start, start + 9);

        Assert.Equal("nine eight seven six five four three double two", spoken[originalStart..originalEnd]);

        // A sub-span maps to the tokens it came from: "22" is "double two".
        var (s2, e2) = normalized.ToOriginal(start + 7, start + 9);
        Assert.Equal("double two", spoken[s2..e2]);
    }

    [Theory]
    [InlineData("yeah my social security number is nine three four zero nine three two one three", PiiType.Ssn, "nine three four zero nine three two one three")]
    [InlineData("call me back at one five oh three double five five oh one four one", PiiType.Phone, "one five oh three double five five oh one four one")]
    [InlineData("my number is plus three three one double nine oh oh nine six one nine", PiiType.Phone, "plus three three one double nine oh oh nine six one nine")]
    [InlineData("the email should be huang dot natalie at example dot net and", PiiType.Email, "huang dot natalie at example dot net")]
    [InlineData("what is the balance on account number s a v nine two oh five three three oh eight three five five two three", PiiType.AccountNumber, "s a v nine two oh five three three oh eight three five five two three")]
    [InlineData("my passport number is c nine five eight two one eight seven four", PiiType.Passport, "c nine five eight two one eight seven four")]
    [InlineData("my new address is four hundred willow creek court portland oregon nine seven two one four thanks", PiiType.Address, "four hundred willow creek court portland oregon nine seven two one four")]
    [InlineData("the card is four one one one one one one one one one one one one one one one ok", PiiType.CreditCard, "four one one one one one one one one one one one one one one one")]
    public void Voice_detections_map_to_spans_of_the_original_transcript(string transcript, PiiType type, string expected)
    {
        var found = Guard.Detect(transcript, PiiChannel.Voice);

        Assert.Contains((type, expected), found);
    }

    [Theory]
    [InlineData("i was charged four hundred forty seven dollars twice for the same order")]
    [InlineData("the reference number is two three six five seven seven zero eight five can you check")]
    [InlineData("my card ending in double six one two was declined")]
    [InlineData("is there a branch open near zip code one three one oh six")]
    [InlineData("i want to transfer three thousand three hundred sixteen dollars on may twenty third twenty twenty three")]
    public void Voice_hard_negatives_stay_unmasked(string transcript) =>
        Assert.Empty(Guard.Detect(transcript, PiiChannel.Voice));
}
