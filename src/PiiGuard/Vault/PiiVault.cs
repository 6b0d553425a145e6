using BankingLlm.PiiGuard.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace BankingLlm.PiiGuard.Vault;

/// <summary>
/// The placeholder &lt;-&gt; value map of one chat session. Thread-safe. Persisted only encrypted, through
/// <see cref="PiiVaultRepository"/>; tools resolve "[ACCOUNT_NUMBER_1]" here while the model only sees the placeholder.
/// </summary>
public sealed partial class PiiVault
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PiiVaultEntry> _byPlaceholder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PiiVaultEntry> _byHash = new(StringComparer.Ordinal);
    private readonly Dictionary<PiiType, int> _counters = [];
    private bool _dirty;

    public PiiVault(string sessionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        SessionId = sessionId;
    }

    public string SessionId { get; }

    /// <summary>True when entries were added since the vault was loaded or last saved.</summary>
    public bool IsDirty
    {
        get
        {
            lock (_lock)
            {
                return _dirty;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byPlaceholder.Count;
            }
        }
    }

    /// <summary>The placeholder of the value with <paramref name="valueHash"/>, creating [TYPE_n] on first sight.</summary>
    public string GetOrAddPlaceholder(PiiType type, string valueHash, string? value, string displayMask)
    {
        ArgumentException.ThrowIfNullOrEmpty(valueHash);
        ArgumentNullException.ThrowIfNull(displayMask);
        lock (_lock)
        {
            if (_byHash.TryGetValue(valueHash, out var existing))
            {
                return existing.Placeholder;
            }

            var number = _counters.GetValueOrDefault(type) + 1;
            _counters[type] = number;
            var entry = new PiiVaultEntry($"[{type.ToPlaceholderPrefix()}_{number}]", type, valueHash, value, displayMask);
            Add(entry);
            _dirty = true;
            return entry.Placeholder;
        }
    }

    public bool TryGetPlaceholder(string valueHash, out string placeholder)
    {
        lock (_lock)
        {
            if (_byHash.TryGetValue(valueHash, out var entry))
            {
                placeholder = entry.Placeholder;
                return true;
            }
        }

        placeholder = "";
        return false;
    }

    public bool TryGetEntry(string placeholder, out PiiVaultEntry entry)
    {
        lock (_lock)
        {
            return _byPlaceholder.TryGetValue(placeholder.Trim(), out entry!);
        }
    }

    /// <summary>The original value behind a placeholder; false when unknown or when the type is never stored.</summary>
    public bool TryResolve(string placeholder, out string value)
    {
        ArgumentNullException.ThrowIfNull(placeholder);
        if (TryGetEntry(placeholder, out var entry) && entry.Value is not null)
        {
            value = entry.Value;
            return true;
        }

        value = "";
        return false;
    }

    /// <summary>The original value behind a placeholder, e.g. Resolve("[ACCOUNT_NUMBER_1]").</summary>
    /// <exception cref="KeyNotFoundException">The placeholder is not in this session, or its value is never stored.</exception>
    public string Resolve(string placeholder) =>
        TryResolve(placeholder, out var value)
            ? value
            : throw new KeyNotFoundException($"Placeholder {placeholder} has no stored value in this session.");

    /// <summary>Replaces every known placeholder in <paramref name="text"/> with its value (for tool arguments).</summary>
    public string ResolvePlaceholders(string text) =>
        PlaceholderRegex().Replace(text, m => TryResolve(m.Value, out var value) ? value : m.Value);

    /// <summary>Replaces every known placeholder in <paramref name="text"/> with its display mask (for people).</summary>
    public string RenderForDisplay(string text) =>
        PlaceholderRegex().Replace(text, m => TryGetEntry(m.Value, out var entry) ? entry.DisplayMask : m.Value);

    public IReadOnlyList<PiiVaultEntry> Entries()
    {
        lock (_lock)
        {
            return [.. _byPlaceholder.Values.OrderBy(e => e.Type).ThenBy(e => e.Placeholder.Length).ThenBy(e => e.Placeholder, StringComparer.Ordinal)];
        }
    }

    /// <summary>Marks the current state as persisted.</summary>
    public void MarkSaved()
    {
        lock (_lock)
        {
            _dirty = false;
        }
    }

    /// <summary>Plaintext serialisation: only ever handed to an <see cref="IVaultProtector"/>.</summary>
    internal byte[] Serialize()
    {
        lock (_lock)
        {
            var document = new VaultDocument(1, SessionId, [.. _byPlaceholder.Values]);
            return JsonSerializer.SerializeToUtf8Bytes(document, VaultJsonContext.Default.VaultDocument);
        }
    }

    internal static PiiVault Deserialize(string sessionId, ReadOnlySpan<byte> json)
    {
        var document = JsonSerializer.Deserialize(json, VaultJsonContext.Default.VaultDocument)
            ?? throw new InvalidDataException("The PII vault is empty or corrupt.");
        if (document.Version != 1 || !string.Equals(document.SessionId, sessionId, StringComparison.Ordinal))
        {
            throw new InvalidDataException("The PII vault belongs to another session or has an unknown version.");
        }

        var vault = new PiiVault(sessionId);
        foreach (var entry in document.Entries)
        {
            vault.Add(entry);
        }

        return vault;
    }

    private void Add(PiiVaultEntry entry)
    {
        _byPlaceholder[entry.Placeholder] = entry;
        _byHash[entry.ValueHash] = entry;
        var match = PlaceholderRegex().Match(entry.Placeholder);
        if (match.Success && int.TryParse(match.Groups["n"].ValueSpan, out var n) && n > _counters.GetValueOrDefault(entry.Type))
        {
            _counters[entry.Type] = n;
        }
    }

    [GeneratedRegex(@"\[(?<type>SSN|CREDIT_CARD|BANK_ACCOUNT|ACCOUNT_NUMBER|PHONE|EMAIL|ADDRESS|PASSPORT|DRIVERS_LICENSE)_(?<n>\d{1,6})\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexLimits.TimeoutMilliseconds)]
    internal static partial Regex PlaceholderRegex();

    internal sealed record VaultDocument(int Version, string SessionId, List<PiiVaultEntry> Entries);
}

[JsonSerializable(typeof(PiiVault.VaultDocument))]
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
internal sealed partial class VaultJsonContext : JsonSerializerContext;
