using System.Text.Json.Serialization;
using BankingLlm.Assistant.Agent.History;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Tests.Agent.History;

public sealed class ChatTokenCounterTests
{
    [Theory]
    [InlineData("gpt-4o", TokenEncodings.O200kBase, false)]
    [InlineData("gpt-4o-mini-2024-07-18", TokenEncodings.O200kBase, false)]
    [InlineData("GPT-4.1-nano", TokenEncodings.O200kBase, false)]
    [InlineData("o3-mini", TokenEncodings.O200kBase, false)]
    [InlineData("o1", TokenEncodings.O200kBase, false)]
    [InlineData("openai/gpt-4o", TokenEncodings.O200kBase, false)]
    [InlineData("gpt-4", TokenEncodings.Cl100kBase, false)]
    [InlineData("gpt-4-turbo", TokenEncodings.Cl100kBase, false)]
    [InlineData("gpt-3.5-turbo", TokenEncodings.Cl100kBase, false)]
    [InlineData("gpt-35-turbo", TokenEncodings.Cl100kBase, false)]
    [InlineData("llama3.1:8b", TokenEncodings.O200kBase, true)]
    [InlineData("Qwen/Qwen2.5-7B-Instruct", TokenEncodings.O200kBase, true)]
    [InlineData("offline-rules-v1", TokenEncodings.O200kBase, true)]
    [InlineData("", TokenEncodings.O200kBase, true)]
    [InlineData(null, TokenEncodings.O200kBase, true)]
    public void Encoding_is_chosen_from_the_model_id(string? modelId, string encoding, bool approximation)
    {
        var chosen = TokenEncodings.ForModel(modelId);

        Assert.Equal(encoding, chosen.Name);
        Assert.Equal(approximation, chosen.IsApproximation);
    }

    [Fact]
    public void Unknown_encoding_name_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenEncodings.Load("p50k_base"));
    }

    [Fact]
    public void Known_text_counts_as_tiktoken_does()
    {
        // "hello world" is 2 tokens in both o200k_base and cl100k_base.
        Assert.Equal(2, ChatTokenCounter.ForModel("gpt-4o").CountText("hello world"));
        Assert.Equal(2, ChatTokenCounter.ForModel("gpt-4").CountText("hello world"));
        Assert.Equal(0, ChatTokenCounter.ForModel("gpt-4o").CountText(string.Empty));
    }

    [Fact]
    public void Encodings_differ_on_the_same_text()
    {
        const string text = "Überweisung von 1.234,56 € an Jürgen — 你好世界, привет мир";
        var o200k = ChatTokenCounter.ForModel("gpt-4o").CountText(text);
        var cl100k = ChatTokenCounter.ForModel("gpt-4").CountText(text);

        Assert.NotEqual(o200k, cl100k);
    }

    [Fact]
    public void Message_count_is_positive_stable_and_includes_the_overhead()
    {
        var counter = new ChatTokenCounter(TokenEncodings.ForModel("gpt-4o"));
        var message = new ChatMessageContent(AuthorRole.User, "What is the balance of my checking account?");

        var first = counter.CountMessage(message);
        var second = counter.CountMessage(message);
        var equalButDistinct = counter.CountMessage(new ChatMessageContent(AuthorRole.User, "What is the balance of my checking account?"));

        Assert.True(first > ChatTokenCounter.TokensPerMessage);
        Assert.Equal(first, second);
        Assert.Equal(first, equalButDistinct);
        Assert.Equal(ChatTokenCounter.TokensPerMessage + counter.CountText("What is the balance of my checking account?"), first);
    }

    [Fact]
    public void Second_count_of_the_same_message_is_a_cache_hit()
    {
        var counter = new ChatTokenCounter(TokenEncodings.ForModel("gpt-4o"));
        var message = new ChatMessageContent(AuthorRole.Assistant, "Your savings account earns 2.10% APY.");

        counter.CountMessage(message);
        Assert.Equal(0, counter.CacheHits);
        Assert.Equal(1, counter.CacheMisses);

        counter.CountMessage(message);
        counter.CountMessage(message);
        Assert.Equal(2, counter.CacheHits);
        Assert.Equal(1, counter.CacheMisses);
    }

    [Fact]
    public void Same_content_in_a_new_instance_is_a_cache_hit_as_after_a_reload()
    {
        var counter = new ChatTokenCounter(TokenEncodings.ForModel("gpt-4o"));
        var history = HistoryBuilder.Conversation(turns: 5);
        var reloaded = HistoryBuilder.Conversation(turns: 5);

        var first = counter.CountHistory(history);
        var misses = counter.CacheMisses;
        var second = counter.CountHistory(reloaded);

        Assert.Equal(first, second);
        Assert.Equal(misses, counter.CacheMisses);
        Assert.Equal(reloaded.Count, counter.CacheHits);
    }

    [Fact]
    public void Messages_that_differ_only_in_a_function_argument_or_result_are_counted_apart()
    {
        var counter = new ChatTokenCounter(TokenEncodings.ForModel("gpt-4o"));
        var shortCall = HistoryBuilder.ToolCall("c1", "accounts", "get_balance", "[ACCOUNT_1]");
        var longCall = HistoryBuilder.ToolCall("c1", "accounts", "get_balance", "[ACCOUNT_1] and every other account I hold at this bank");
        var shortResult = HistoryBuilder.ToolResult("c1", "accounts", "get_balance", "1.00");
        var longResult = HistoryBuilder.ToolResult("c1", "accounts", "get_balance", "1.00 USD available, 2.00 USD pending, 3.00 USD on hold");

        Assert.True(counter.CountMessage(longCall) > counter.CountMessage(shortCall));
        Assert.True(counter.CountMessage(longResult) > counter.CountMessage(shortResult));
        Assert.Equal(4, counter.CacheMisses);
    }

    [Fact]
    public void Cache_is_bounded_to_two_generations()
    {
        var counter = new ChatTokenCounter(TokenEncodings.ForModel("gpt-4o"), cacheCapacity: 10);
        var messages = Enumerable.Range(0, 30).Select(i => new ChatMessageContent(AuthorRole.User, $"message number {i}")).ToList();
        foreach (var message in messages)
        {
            counter.CountMessage(message);
        }

        counter.CountMessage(messages[29]);
        Assert.Equal(1, counter.CacheHits);

        counter.CountMessage(messages[0]);
        Assert.Equal(31, counter.CacheMisses);
    }

    [Fact]
    public void Changing_a_message_invalidates_its_cached_count()
    {
        var counter = new ChatTokenCounter(TokenEncodings.ForModel("gpt-4o"));
        var message = new ChatMessageContent(AuthorRole.Assistant, "Short.");
        var before = counter.CountMessage(message);

        message.Content = "A much longer reply that replaces the short one and therefore costs more tokens.";
        var afterEdit = counter.CountMessage(message);
        message.Items.Add(new TextContent(" And one more sentence."));
        var afterAdd = counter.CountMessage(message);

        Assert.True(afterEdit > before);
        Assert.True(afterAdd > afterEdit);
        Assert.Equal(3, counter.CacheMisses);
    }

    [Fact]
    public void Function_calls_count_their_name_and_arguments()
    {
        var counter = new ChatTokenCounter(TokenEncodings.ForModel("gpt-4o"));
        var noArguments = new ChatMessageContent(AuthorRole.Assistant, [new FunctionCallContent("get_balance", "accounts", "call_1")]);
        var withArguments = new ChatMessageContent(AuthorRole.Assistant,
            [new FunctionCallContent("get_balance", "accounts", "call_1", new KernelArguments { ["account"] = "[ACCOUNT_1]", ["as_of"] = new DateOnly(2026, 11, 25) })]);

        var bare = counter.CountMessage(noArguments);
        var full = counter.CountMessage(withArguments);

        Assert.True(bare > ChatTokenCounter.TokensPerMessage + ChatTokenCounter.TokensPerFunctionItem);
        Assert.True(full > bare + counter.CountText("[ACCOUNT_1]"));
    }

    [Fact]
    public void Function_results_count_their_content_whatever_its_type()
    {
        var counter = new ChatTokenCounter(TokenEncodings.ForModel("gpt-4o"));
        const string json = "{\"account\":\"****1001\",\"available\":\"1234.56\",\"currency\":\"USD\"}";
        var asString = new ChatMessageContent(AuthorRole.Tool, [new FunctionResultContent("get_balance", "accounts", "call_1", json)]);
        var asObject = new ChatMessageContent(AuthorRole.Tool,
            [new FunctionResultContent("get_balance", "accounts", "call_1", new BalanceDto("****1001", "1234.56", "USD"))]);
        var empty = new ChatMessageContent(AuthorRole.Tool, [new FunctionResultContent("get_balance", "accounts", "call_1", null)]);

        var stringCount = counter.CountMessage(asString);
        var objectCount = counter.CountMessage(asObject);
        var emptyCount = counter.CountMessage(empty);

        Assert.Equal(stringCount, objectCount);
        Assert.True(stringCount > emptyCount + 10);
    }

    [Fact]
    public void Author_name_adds_tokens()
    {
        var counter = new ChatTokenCounter(TokenEncodings.ForModel("gpt-4o"));
        var anonymous = new ChatMessageContent(AuthorRole.User, "Hi");
        var named = new ChatMessageContent(AuthorRole.User, "Hi") { AuthorName = "customer" };

        Assert.True(counter.CountMessage(named) > counter.CountMessage(anonymous));
    }

    [Fact]
    public void History_count_is_the_sum_of_messages_plus_reply_priming()
    {
        var counter = new ChatTokenCounter(TokenEncodings.ForModel("gpt-4o"));
        var history = HistoryBuilder.Conversation(turns: 4);

        var expected = ChatTokenCounter.TokensPerReplyPriming + history.Sum(counter.CountMessage);

        Assert.Equal(expected, counter.CountHistory(history));
    }

    [Fact]
    public void Shared_counter_is_one_per_encoding()
    {
        Assert.Same(ChatTokenCounter.ForModel("gpt-4o"), ChatTokenCounter.ForModel("gpt-4.1-mini"));
        Assert.NotSame(ChatTokenCounter.ForModel("gpt-4o"), ChatTokenCounter.ForModel("gpt-4"));
        Assert.True(ChatTokenCounter.ForModel("llama3.1").Encoding.IsApproximation);
        Assert.False(ChatTokenCounter.ForModel("gpt-4o").Encoding.IsApproximation);
    }

    private sealed record BalanceDto(
        [property: JsonPropertyName("account")] string Account,
        [property: JsonPropertyName("available")] string Available,
        [property: JsonPropertyName("currency")] string Currency);
}
