using BankingLlm.Assistant.Voice;

namespace BankingLlm.Assistant.Tests.Voice;

public sealed class VoiceReplyFormatterTests
{
    private readonly VoiceReplyFormatter _formatter = new();

    [Theory]
    [InlineData("Your Everyday (checking ending 4821) has a balance of $1,250.00, with $1,200.50 available.",
        "Your Everyday, checking ending in four eight two one, has a balance of one thousand two hundred fifty dollars, with one thousand two hundred dollars and fifty cents available.")]
    [InlineData("Transfer $200.00 from your checking Everyday ending 0001 to your savings. Shall I go ahead? Reply yes to confirm or no to cancel.",
        "Transfer two hundred dollars from your checking Everyday ending in zero zero zero one to your savings. Shall I go ahead? Say yes to confirm or no to cancel.")]
    [InlineData("Done. Reference TRF0A1B2C3D4E5F73B3.", "Done. Reference ending in seven three B three.")]
    [InlineData("Card **** 4242 and phone ***-***-0132 on file; SSN ***-**-6789.", "Card ending in four two four two and phone ending in zero one three two on file; SSN ending in six seven eight nine.")]
    [InlineData("**Note:** a charge of -$12.50 on 2026-11-20.", "Note: a charge of minus twelve dollars and fifty cents on November twentieth, 2026.")]
    [InlineData("We will write to [address].", "We will write to the address on file.")]
    [InlineData("Say \"show more\" to see the next ones.", "Say show more to see the next ones.")]
    public void Replies_are_written_for_the_ear(string reply, string spoken)
    {
        Assert.Equal(spoken, _formatter.Format(reply));
    }

    [Fact]
    public void Long_lists_are_read_as_one_short_sentence()
    {
        var reply = "Here are your transactions:\n- 2026-11-20 Amazon: -$12.50 (posted)\n- 2026-11-19 Shell: -$40.00 (posted)\n- 2026-11-18 Netflix: -$15.99 (posted)\n- 2026-11-17 Target: -$5.00 (posted)\n- 2026-11-16 Uber: -$9.00 (posted)\nThere are more; say \"show more\" to see the next ones.";
        var spoken = _formatter.Format(reply);
        Assert.StartsWith("Here are your transactions: November twentieth, 2026 Amazon: minus twelve dollars and fifty cents, posted;", spoken, StringComparison.Ordinal);
        Assert.Contains("; and 2 more.", spoken, StringComparison.Ordinal);
        Assert.DoesNotContain("Target", spoken, StringComparison.Ordinal);
        Assert.DoesNotContain("-", spoken, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", spoken, StringComparison.Ordinal);
        Assert.EndsWith("say show more to see the next ones.", spoken, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "zero")]
    [InlineData(13, "thirteen")]
    [InlineData(40, "forty")]
    [InlineData(105, "one hundred five")]
    [InlineData(1250, "one thousand two hundred fifty")]
    [InlineData(2_000_017, "two million seventeen")]
    public void Cardinals(long n, string words) => Assert.Equal(words, SpokenNumbers.Cardinal(n));

    [Theory]
    [InlineData(1, "first")]
    [InlineData(2, "second")]
    [InlineData(3, "third")]
    [InlineData(12, "twelfth")]
    [InlineData(20, "twentieth")]
    [InlineData(23, "twenty third")]
    [InlineData(31, "thirty first")]
    public void Ordinals(int n, string words) => Assert.Equal(words, SpokenNumbers.Ordinal(n));

    [Theory]
    [InlineData("1", "one dollar")]
    [InlineData("0.01", "one cent")]
    [InlineData("0", "zero dollars")]
    [InlineData("10000.01", "ten thousand dollars and one cent")]
    public void Money(string amount, string words) => Assert.Equal(words, SpokenNumbers.Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("repeat that", true)]
    [InlineData("can you repeat that", true)]
    [InlineData("Could you say that again?", true)]
    [InlineData("sorry what did you say", true)]
    [InlineData("pardon", true)]
    [InlineData("repeat my last transfer", false)]
    [InlineData("what is my balance", false)]
    [InlineData("say yes", false)]
    public void Repeat_requests(string text, bool repeat) => Assert.Equal(repeat, VoiceTurnService.IsRepeatRequest(text));
}
