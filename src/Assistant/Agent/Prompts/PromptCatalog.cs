using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace BankingLlm.Assistant.Agent.Prompts;

/// <summary>
/// The system prompt, the offline model's reply templates and the fallback texts, loaded once from prompts/ and
/// validated: every required key present, every {placeholder} well formed. A broken prompt set stops the start-up
/// with a message naming the file and key.
/// </summary>
public sealed partial class PromptCatalog
{
    public static readonly string[] RequiredReplies =
    [
        "greeting", "thanks", "goodbye", "help", "out_of_scope", "not_understood", "ask_from_account", "ask_to_account",
        "ask_amount", "ask_account_for_balance", "ask_external_details", "list_accounts", "account_line", "balance",
        "balance_with_pending", "account_details", "transactions", "transaction_line", "transactions_more", "no_transactions",
        "spending", "spending_line", "no_spending", "transfer_prepared", "transfer_done", "transfer_already_done",
        "transfer_cancelled", "nothing_pending", "correction_cancelled", "kyc_status", "fraud_reported", "fraud_suspend_offer",
        "escalated", "refused", "tool_failed",
    ];

    public static readonly string[] RequiredFallbacks =
        ["model_unavailable", "loop_limit", "invalid_tool_call", "confirmation_required", "empty_reply"];

    private readonly FrozenDictionary<string, string> _replies;
    private readonly FrozenDictionary<string, string> _fallbacks;

    private PromptCatalog(string systemPrompt, FrozenDictionary<string, string> replies, FrozenDictionary<string, string> fallbacks)
    {
        SystemPrompt = systemPrompt;
        _replies = replies;
        _fallbacks = fallbacks;
    }

    public string SystemPrompt { get; }

    public static PromptCatalog Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new InvalidOperationException($"Prompts:Directory '{directory}' does not exist; it must hold system.md, offline/replies.yaml and fallbacks.yaml.");
        }
        var systemPath = Path.Combine(directory, "system.md");
        if (!File.Exists(systemPath) || string.IsNullOrWhiteSpace(File.ReadAllText(systemPath)))
        {
            throw new InvalidOperationException($"The system prompt '{systemPath}' is missing or empty.");
        }
        var replies = LoadTemplates(Path.Combine(directory, "offline", "replies.yaml"), RequiredReplies);
        var fallbacks = LoadTemplates(Path.Combine(directory, "fallbacks.yaml"), RequiredFallbacks);
        return new PromptCatalog(File.ReadAllText(systemPath).Trim(), replies, fallbacks);
    }

    /// <summary>A reply template with its {placeholders} filled; unknown placeholders are left out, never echoed.</summary>
    public string Reply(string key, params (string Name, object? Value)[] values) => Fill(_replies, key, values);

    public string Fallback(string key) => Fill(_fallbacks, key, []);

    private static string Fill(FrozenDictionary<string, string> templates, string key, (string Name, object? Value)[] values)
    {
        if (!templates.TryGetValue(key, out var template))
        {
            throw new KeyNotFoundException($"No prompt template '{key}'.");
        }
        return Placeholder().Replace(template, m =>
        {
            var name = m.Groups["name"].Value;
            foreach (var (n, v) in values)
            {
                if (n == name)
                {
                    return Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";
                }
            }
            return "";
        }).Trim();
    }

    private static FrozenDictionary<string, string> LoadTemplates(string path, string[] required)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The prompt file '{path}' is missing.");
        }
        Dictionary<string, string>? map;
        try
        {
            map = new DeserializerBuilder().Build().Deserialize<Dictionary<string, string>>(File.ReadAllText(path, Encoding.UTF8));
        }
        catch (YamlException ex)
        {
            throw new InvalidOperationException($"The prompt file '{path}' is not valid YAML (line {ex.Start.Line}): {ex.Message}", ex);
        }
        map ??= [];
        var missing = required.Where(k => !map.ContainsKey(k) || string.IsNullOrWhiteSpace(map[k])).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"The prompt file '{path}' lacks required key(s): {string.Join(", ", missing)}.");
        }
        foreach (var (key, template) in map)
        {
            var opens = template.Count(c => c == '{');
            if (opens != template.Count(c => c == '}') || opens != Placeholder().Count(template))
            {
                throw new InvalidOperationException($"The prompt '{key}' in '{path}' has a malformed placeholder; write {{name}} with letters and underscores.");
            }
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{(?<name>[a-z_]+)\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Placeholder();
}
