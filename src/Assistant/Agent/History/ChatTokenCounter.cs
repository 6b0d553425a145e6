using System.Collections.Concurrent;
using System.Globalization;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.ML.Tokenizers;
using Microsoft.SemanticKernel;

namespace BankingLlm.Assistant.Agent.History;

/// <summary>
/// Counts the tokens a chat history costs a model, with Microsoft.ML.Tokenizers (tiktoken) for the configured model.
/// A message counts its text items, the name and arguments of each function call, the content of each function
/// result, and a fixed per-message overhead (OpenAI's chat format: 3 tokens per message, 1 more for a name; a
/// request adds 3 for priming the reply). Tool definitions sent with a request are not history and are not counted.
/// Counts are cached by message content, so re-counting the history every turn costs a hash and a lookup per old
/// message, also when the history was reloaded from the database as new objects.
/// </summary>
/// <remarks>
/// Thread-safe. Share one instance per model (see <see cref="ForModel"/>) so the cache survives across turns.
/// The cache key is a seeded 64-bit hash of what is counted (role, author, texts, function names and arguments,
/// function results); the cache is bounded (two generations of <c>cacheCapacity</c> entries: when the current one is
/// full it becomes the previous one and the oldest is dropped). A hash collision could only make one message's count
/// wrong, never the content sent. A cache keyed on the message objects (ConditionalWeakTable) was measured first and
/// dropped: its dependent handles made every new message several microseconds dearer under load, and it missed on
/// every reloaded history.
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

    /// <summary>Default entries per cache generation (two generations are kept).</summary>
    public const int DefaultCacheCapacity = 50_000;

    private static readonly ulong HashSeed = (ulong)Random.Shared.NextInt64();

    private readonly Tokenizer _tokenizer;
    private readonly TwoGenerationCache _cache;
    private long _cacheHits;
    private long _cacheMisses;

    /// <summary>Creates a counter for an encoding (prefer <see cref="ForModel"/>, which shares instances).</summary>
    public ChatTokenCounter(TokenEncoding encoding, int cacheCapacity = DefaultCacheCapacity)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cacheCapacity);
        Encoding = encoding;
        _tokenizer = TokenEncodings.Load(encoding.Name);
        _cache = new TwoGenerationCache(cacheCapacity);
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

        var key = ContentKey(message);
        if (_cache.TryGet(key, out var cached))
        {
            Interlocked.Increment(ref _cacheHits);
            return cached;
        }

        Interlocked.Increment(ref _cacheMisses);
        var tokens = CountUncached(message);
        _cache.Set(key, tokens);
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

    private static ulong ContentKey(ChatMessageContent message)
    {
        var hash = new ContentHash(HashSeed);
        hash.Add(message.Role.Label);
        hash.Add(message.AuthorName);
        var items = message.Items;
        for (var i = 0; i < items.Count; i++)
        {
            switch (items[i])
            {
                case TextContent text:
                    hash.Add('T');
                    hash.Add(text.Text);
                    break;
                case FunctionCallContent call:
                    hash.Add('C');
                    hash.Add(call.PluginName);
                    hash.Add(call.FunctionName);
                    if (call.Arguments is not null)
                    {
                        foreach (var (name, value) in call.Arguments)
                        {
                            hash.Add(name);
                            hash.Add(ValueText(value));
                        }
                    }

                    break;
                case FunctionResultContent result:
                    hash.Add('R');
                    hash.Add(ResultText(result.Result));
                    break;
                default:
                    hash.Add('O');
                    break;
            }
        }

        return hash.Finish();
    }

    /// <summary>A seeded 64-bit multiply-rotate hash over UTF-16 data, eight bytes a step (not cryptographic).</summary>
    private struct ContentHash(ulong seed)
    {
        private const ulong Multiplier = 0x9E3779B97F4A7C15;
        private ulong _state = seed;

        public void Add(char marker) => Mix(marker);

        public void Add(string? text)
        {
            if (text is null)
            {
                Mix(ulong.MaxValue);
                return;
            }

            var bytes = MemoryMarshal.AsBytes(text.AsSpan());
            Mix((ulong)bytes.Length);
            while (bytes.Length >= sizeof(ulong))
            {
                Mix(BinaryPrimitives.ReadUInt64LittleEndian(bytes));
                bytes = bytes[sizeof(ulong)..];
            }

            ulong tail = 0x80;
            foreach (var b in bytes)
            {
                tail = (tail << 8) | b;
            }

            Mix(tail);
        }

        public readonly ulong Finish()
        {
            var h = _state;
            h ^= h >> 31;
            h *= 0x94D049BB133111EB;
            h ^= h >> 29;
            return h;
        }

        private void Mix(ulong value) => _state = (BitOperations.RotateLeft(_state, 23) ^ value) * Multiplier;
    }

    /// <summary>Bounded: at most two generations of <c>capacity</c> entries; a hit in the old one moves forward.</summary>
    private sealed class TwoGenerationCache(int capacity)
    {
        private readonly Lock _rotate = new();
        private Generation _current = new();
        private Generation _previous = new();

        public bool TryGet(ulong key, out int tokens)
        {
            if (Volatile.Read(ref _current).Map.TryGetValue(key, out tokens))
            {
                return true;
            }

            if (Volatile.Read(ref _previous).Map.TryGetValue(key, out tokens))
            {
                Set(key, tokens);
                return true;
            }

            return false;
        }

        public void Set(ulong key, int tokens)
        {
            var current = Volatile.Read(ref _current);
            if (current.Map.TryAdd(key, tokens) && Interlocked.Increment(ref current.Count) >= capacity)
            {
                lock (_rotate)
                {
                    if (ReferenceEquals(_current, current))
                    {
                        Volatile.Write(ref _previous, current);
                        Volatile.Write(ref _current, new Generation());
                    }
                }
            }
        }

        private sealed class Generation
        {
            public readonly ConcurrentDictionary<ulong, int> Map = new();
            public int Count;
        }
    }
}
