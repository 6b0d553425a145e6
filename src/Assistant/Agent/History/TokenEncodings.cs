using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace BankingLlm.Assistant.Agent.History;

/// <summary>The tiktoken encoding chosen for a model id, and whether the choice is exact or an approximation.</summary>
/// <param name="Name">"o200k_base" or "cl100k_base".</param>
/// <param name="IsApproximation">
/// True when the model is not an OpenAI model we know (Llama, Mistral, Qwen on vLLM/Ollama, the offline model):
/// their own tokenizers differ, typically by 10-20 %, so the budget is an estimate and should keep a margin.
/// </param>
public sealed record TokenEncoding(string Name, bool IsApproximation);

/// <summary>
/// Picks and loads the tiktoken encoding for a configured model id. The vocabularies come from the offline data
/// packages (Microsoft.ML.Tokenizers.Data.O200kBase / Cl100kBase), so nothing is downloaded at run time.
/// </summary>
public static class TokenEncodings
{
    /// <summary>GPT-4o, GPT-4.1, GPT-4.5, GPT-5 and the o-series.</summary>
    public const string O200kBase = "o200k_base";

    /// <summary>GPT-4 (before 4o), GPT-3.5 and the ada-002 / text-embedding-3 embedding models.</summary>
    public const string Cl100kBase = "cl100k_base";

    private static readonly string[] O200kPrefixes = ["gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4", "gpt-oss"];
    private static readonly string[] Cl100kPrefixes = ["gpt-4", "gpt-3.5", "gpt-35", "text-embedding-ada-002", "text-embedding-3"];

    private static readonly ConcurrentDictionary<string, Lazy<Tokenizer>> Loaded = new(StringComparer.Ordinal);

    /// <summary>
    /// The encoding for <paramref name="modelId"/>: o200k_base for gpt-4o/4.1/4.5/5 and o1/o3/o4, cl100k_base for
    /// gpt-4 and gpt-3.5 (Azure's "gpt-35-turbo" too), and o200k_base as an approximation for anything else.
    /// A provider prefix such as "openai/" is ignored.
    /// </summary>
    public static TokenEncoding ForModel(string? modelId)
    {
        if (string.IsNullOrWhiteSpace(modelId))
        {
            return new TokenEncoding(O200kBase, IsApproximation: true);
        }

        var id = modelId.Trim();
        var slash = id.LastIndexOf('/');
        if (slash >= 0)
        {
            id = id[(slash + 1)..];
        }

        // The o200k prefixes go first: "gpt-4o" and "gpt-4.1" also start with "gpt-4".
        if (StartsWithAny(id, O200kPrefixes))
        {
            return new TokenEncoding(O200kBase, IsApproximation: false);
        }

        return StartsWithAny(id, Cl100kPrefixes)
            ? new TokenEncoding(Cl100kBase, IsApproximation: false)
            : new TokenEncoding(O200kBase, IsApproximation: true);
    }

    /// <summary>The tokenizer of an encoding, loaded once per process (loading takes tens of milliseconds).</summary>
    public static Tokenizer Load(string encodingName)
    {
        if (encodingName is not (O200kBase or Cl100kBase))
        {
            throw new ArgumentOutOfRangeException(nameof(encodingName), encodingName, $"Use {O200kBase} or {Cl100kBase}.");
        }

        return Loaded.GetOrAdd(
            encodingName,
            static name => new Lazy<Tokenizer>(() => TiktokenTokenizer.CreateForEncoding(name), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private static bool StartsWithAny(string id, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
