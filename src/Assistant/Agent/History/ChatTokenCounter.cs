using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.ML.Tokenizers;
using Microsoft.SemanticKernel;

namespace BankingLlm.Assistant.Agent.History;

/// <summary>
/// Counts the tokens a chat history costs a model, with Microsoft.ML.Tokenizers (tiktoken) for the configured model.
/// A message counts its text items, the name and arguments of each function call, the content of each function
/// result, and a fixed per-message overhead (OpenAI's chat format: 3 tokens per message, 1 more for a name; a
/// request adds 3 for priming the reply). Tool definitions sent with a request are not history and are not counted.
/// Counts are cached per message instance, so re-counting the history every turn costs a lookup per old message.
/// </summary>
/// <remarks>
/// Thread-safe. Share one instance per model (see <see cref="ForModel"/>) so the cache survives across turns.
/// The cache is keyed on the message object (a <see cref="ConditionalWeakTable{TKey,TValue}"/>, so it never keeps a
/// message alive) and guarded by a cheap fingerprint of the message's items: replacing, adding or removing an item
/// or an argument invalidates the entry. Editing the argument values of a function call in place is not detected;
/// chat history messages are treated as append-only.
/// </remarks>
public sealed class ChatTokenCounter
{
    /// <summary>Tokens every message costs besides its content (role and separators).</summary>
    public const int TokensPerMessage = 3;

    /// <summary>Tokens an author name costs besides its own tokens.</summary>
    public const int TokensPerName = 1;

    /// <summary>Tokens a request costs for priming the assistant's reply.</summary>
    public const int TokensPerReplyPriming = 3;

    /// <summary>Tokens each function call or function result costs besides its content (ids, type, JSON framing).</summary>
    public const int TokensPerFunctionItem = 4;

    private static readonly ConcurrentDictionary<string, ChatTokenCounter> Shared = new(StringComparer.Ordinal);

    private readonly Tokenizer _tokenizer;
    private readonly ConditionalWeakTable<ChatMessageContent, CachedCount> _cache = [];
    private long _cacheHits;
    private long _cacheMisses;

    /// <summary>Creates a counter for an encoding (prefer <see cref="ForModel"/>, which shares instances).</summary>
    public ChatTokenCounter(TokenEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        Encoding = encoding;
        _tokenizer = TokenEncodings.Load(encoding.Name);
    }

    /// <summary>The encoding in use and whether it only approximates the model's own tokenizer.</summary>
    public TokenEncoding Encoding { get; }

    /// <summary>How many message counts were answered from the cache.</summary>
    public long CacheHits => Interlocked.Read(ref _cacheHits);

    /// <summary>How many message counts were computed.</summary>
    public long CacheMisses => Interlocked.Read(ref _cacheMisses);

    /// <summary>The shared counter for a model id (one per encoding, so its cache lives as long as the process).</summary>
    public static ChatTokenCounter ForModel(string? modelId)
    {
        var encoding = TokenEncodings.ForModel(modelId);
        var key = encoding.IsApproximation ? encoding.Name + "~" : encoding.Name;
        return Shared.GetOrAdd(key, static (_, e) => new ChatTokenCounter(e), encoding);
    }

    /// <summary>Tokens of a plain text (no message overhead).</summary>
    public int CountText(string? text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.CountTokens(text);

    /// <summary>Tokens of one message, overhead included; answered from the cache when the message was counted before.</summary>
    public int CountMessage(ChatMessageContent message)
    {
        ArgumentNullException.ThrowIfNull(message);

        var fingerprint = Fingerprint(message);
        if (_cache.TryGetValue(message, out var cached) && cached.Fingerprint == fingerprint)
        {
            Interlocked.Increment(ref _cacheHits);
            return cached.Tokens;
        }

        Interlocked.Increment(ref _cacheMisses);
        var tokens = CountUncached(message);
        _cache.AddOrUpdate(message, new CachedCount(fingerprint, tokens));
        return tokens;
    }

    /// <summary>Tokens of a whole history as one request would send it (every message plus the reply priming).</summary>
    public int CountHistory(IEnumerable<ChatMessageContent> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var total = TokensPerReplyPriming;
        foreach (var message in messages)
        {
            total += CountMessage(message);
        }

        return total;
    }

    private int CountUncached(ChatMessageContent message)
    {
        var tokens = TokensPerMessage;
        if (!string.IsNullOrEmpty(message.AuthorName))
        {
            tokens += TokensPerName + CountText(message.AuthorName);
        }

        var items = message.Items;
        for (var i = 0; i < items.Count; i++)
        {
            tokens += items[i] switch
            {
                TextContent text => CountText(text.Text),
                FunctionCallContent call => TokensPerFunctionItem + CountFunctionCall(call),
                FunctionResultContent result => TokensPerFunctionItem + CountText(ResultText(result.Result)),
                _ => 0,
            };
        }

        return tokens;
    }

    private int CountFunctionCall(FunctionCallContent call)
    {
        // The wire form is "plugin-function" plus a JSON object of arguments.
        var tokens = CountText(call.PluginName) + CountText(call.FunctionName) + 1;
        if (call.Arguments is null)
        {
            return tokens + 1;
        }

        foreach (var (name, value) in call.Arguments)
        {
            tokens += CountText(name) + CountText(ValueText(value)) + 2;
        }

        return tokens + 1;
    }

    private static string? ValueText(object? value) => value switch
    {
        null => null,
        string s => s,
        JsonElement element => element.GetRawText(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string? ResultText(object? result)
    {
        switch (result)
        {
            case null:
                return null;
            case string s:
                return s;
            case FunctionResult functionResult:
                return ResultText(functionResult.GetValue<object>());
            case JsonElement element:
                return element.GetRawText();
            case IFormattable formattable:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            default:
                // The connectors send a non-string result as JSON; count it the same way.
                try
                {
                    return JsonSerializer.Serialize(result, result.GetType());
                }
                catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
                {
                    return result.ToString();
                }
        }
    }

    private static long Fingerprint(ChatMessageContent message)
    {
        // Cheap: item count plus the identity of each item and of its text. Strings are immutable, so a changed
        // text is a new reference; a replaced item is a new object.
        var hash = new HashCode();
        hash.Add(message.Items.Count);
        hash.Add(message.AuthorName is null ? 0 : RuntimeHelpers.GetHashCode(message.AuthorName));
        var items = message.Items;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            hash.Add(RuntimeHelpers.GetHashCode(item));
            switch (item)
            {
                case TextContent text:
                    hash.Add(text.Text is null ? 0 : RuntimeHelpers.GetHashCode(text.Text));
                    break;
                case FunctionCallContent call:
                    hash.Add(call.Arguments?.Count ?? -1);
                    break;
                case FunctionResultContent result:
                    hash.Add(result.Result is null ? 0 : RuntimeHelpers.GetHashCode(result.Result));
                    break;
            }
        }

        return hash.ToHashCode();
    }

    private sealed record CachedCount(long Fingerprint, int Tokens);
}
