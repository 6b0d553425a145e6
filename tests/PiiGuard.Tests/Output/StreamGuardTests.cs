using BankingLlm.PiiGuard.Output;
using BankingLlm.PiiGuard.Tests.TestSupport;
using BankingLlm.PiiGuard.Vault;

namespace BankingLlm.PiiGuard.Tests.Output;

public sealed class StreamGuardTests
{
    public static TheoryData<string, string> Replies => new()
    {
        { "Your card 4111 1111 1111 1111 is now blocked.", "4111 1111 1111 1111" },
        { "I will call you at (415) 555-0132 tomorrow.", "(415) 555-0132" },
        { "We have SSN 123456789 on file for you.", "123456789" },
        { "Confirmation goes to dana.whitfield@example.com today.", "dana.whitfield@example.com" },
        { "The card goes to 521 Juniper Ln, San Jose, CA 95112 by Friday.", "521 Juniper Ln" },
        { "Sending to IBAN GB82 WEST 1234 5698 7654 32 now.", "GB82 WEST 1234 5698 7654 32" },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void A_value_split_across_two_chunks_never_leaks_at_any_split_point(string reply, string value)
    {
        var guard = Guard.OutputGuard();
        var expected = guard.Mask(reply, new PiiVault("s"));
        Assert.DoesNotContain(value, expected, StringComparison.Ordinal);

        for (var split = 0; split <= reply.Length; split++)
        {
            var stream = guard.CreateStream(new PiiVault("s"));
            var first = stream.Push(reply[..split]);
            var second = stream.Push(reply[split..]);
            var last = stream.Complete();

            var streamed = first + second + last;
            Assert.Equal(expected, streamed);
            foreach (var part in new[] { first, second, last })
            {
                AssertNoDigitRunOf(value, part, split);
            }
        }
    }

    [Fact]
    public void Character_by_character_streaming_masks_like_the_whole_text()
    {
        const string reply = "Done: card 5555-5555-5555-4444 blocked, we will text +44 20 7946 0958 and email a@b.example.";
        var guard = Guard.OutputGuard();
        var stream = guard.CreateStream(new PiiVault("s"));

        var streamed = string.Concat(reply.Select(c => stream.Push(c.ToString()))) + stream.Complete();

        Assert.Equal(guard.Mask(reply, new PiiVault("s")), streamed);
        Assert.DoesNotContain("5555-5555", streamed, StringComparison.Ordinal);
        Assert.DoesNotContain("7946", streamed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(3)]
    public void A_model_stream_in_small_pieces_with_placeholders_never_leaks(int size)
    {
        const string reply = "About card 4111 1111 1111 1111 and [SSN_1]: your checking account has $1,250.00 available right now.";
        var guard = Guard.OutputGuard();
        var stream = guard.CreateStream(new PiiVault("s"));
        var parts = Enumerable.Range(0, (reply.Length + size - 1) / size).Select(i => reply.Substring(i * size, Math.Min(size, reply.Length - i * size)))
            .Select(stream.Push).ToList();
        parts.Add(stream.Complete());

        Assert.Equal(guard.Mask(reply, new PiiVault("s")), string.Concat(parts));
        Assert.All(parts, part => Assert.DoesNotContain("4111", part, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GuardAsync_masks_an_async_stream()
    {
        var guard = Guard.OutputGuard();
        var stream = guard.CreateStream(new PiiVault("s"));

        var parts = new List<string>();
        await foreach (var part in stream.GuardAsync(Chunks("Your SSN 123-", "45-67", "89 is on file.")))
        {
            parts.Add(part);
        }

        Assert.Equal("Your SSN ***-**-6789 is on file.", string.Concat(parts));
    }

    [Fact]
    public void Values_already_in_the_vault_map_back_to_their_placeholder_or_mask()
    {
        var vault = new PiiVault("s");
        var analysis = Guard.Analyzer.Analyze("my account is CHK0012345678904821");
        Guard.Anonymizer().Anonymize(analysis, vault);
        var guard = Guard.OutputGuard();

        Assert.Equal("Balance of CHK0012345678904821"[..11] + "[ACCOUNT_NUMBER_1]", guard.Mask("Balance of CHK0012345678904821", vault, OutputMaskStyle.Placeholder));
        Assert.Equal("Balance of ending 4821 is fine; ending 4821 again", guard.Mask("Balance of CHK0012345678904821 is fine; [ACCOUNT_NUMBER_1] again", vault));
    }

    [Fact]
    public void Text_without_digits_is_released_at_once_except_the_last_word()
    {
        Assert.Equal("Hello there, ".Length, PiiStreamGuard.SafeReleaseLength("Hello there, frie"));
        Assert.Equal("Call ".Length, PiiStreamGuard.SafeReleaseLength("Call 415 555"));
    }

    private static void AssertNoDigitRunOf(string value, string part, int split)
    {
        // No chunk may carry 4 or more consecutive characters of the value's digits/letters run (a partial leak).
        // For an e-mail only the local part is secret (the display mask keeps the domain).
        var secret = value.Contains('@', StringComparison.Ordinal) ? value[..value.IndexOf('@', StringComparison.Ordinal)] : value;
        var compact = new string([.. secret.Where(char.IsAsciiLetterOrDigit)]);
        var partCompact = new string([.. part.Where(char.IsAsciiLetterOrDigit)]);
        for (var i = 0; i + 6 <= compact.Length; i++)
        {
            Assert.False(partCompact.Contains(compact.Substring(i, 6), StringComparison.Ordinal), $"split {split}: chunk '{part}' leaks part of the value");
        }
    }

    private static async IAsyncEnumerable<string> Chunks(params string[] chunks)
    {
        foreach (var chunk in chunks)
        {
            await Task.Yield();
            yield return chunk;
        }
    }
}
