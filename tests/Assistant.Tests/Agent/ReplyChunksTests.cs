using BankingLlm.Assistant.Agent;

namespace BankingLlm.Assistant.Tests.Agent;

public sealed class ReplyChunksTests
{
    [Fact]
    public void Chunks_rebuild_the_reply_and_break_only_after_a_space_or_newline()
    {
        var reply = string.Join(' ', Enumerable.Range(1, 120).Select(i => $"word{i}")) + "\nlast line";

        var chunks = ReplyChunks.Split(reply).ToList();

        Assert.Equal(reply, string.Concat(chunks));
        Assert.All(chunks[..^1], c => Assert.True(c.EndsWith(' ') || c.EndsWith('\n'), c));
    }

    [Fact]
    public void The_first_chunk_is_short_and_later_ones_grow_up_to_the_largest_size()
    {
        var reply = string.Join(' ', Enumerable.Repeat("abcdefg", 200)); // 1,599 characters

        var chunks = ReplyChunks.Split(reply, first: 24, largest: 192).ToList();

        Assert.InRange(chunks[0].Length, 24, 32);
        Assert.True(chunks[1].Length > chunks[0].Length);
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, 200));
        Assert.InRange(chunks.Count, 8, 12); // one chunk per ~24 characters would be 60
    }

    [Fact]
    public void A_short_reply_is_one_chunk_and_an_empty_one_none()
    {
        Assert.Equal(["Hello there."], ReplyChunks.Split("Hello there."));
        Assert.Empty(ReplyChunks.Split(""));
    }
}
