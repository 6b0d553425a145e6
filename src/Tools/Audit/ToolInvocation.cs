using BankingLlm.Data.Entities;

namespace BankingLlm.Tools.Audit;

/// <summary>
/// One tool invocation being audited. The audit filter opens it around the function; the function describes what
/// it touched (entity, old/new values) and, if it writes, records the audit row inside its own database transaction
/// and marks the invocation <see cref="Audited"/> so the filter does not write a second row.
/// </summary>
public sealed class ToolInvocation
{
    private static readonly AsyncLocal<ToolInvocation?> Ambient = new();

    public ToolInvocation(string pluginName, string functionName, IReadOnlyDictionary<string, string?> maskedArguments)
    {
        PluginName = pluginName;
        FunctionName = functionName;
        MaskedArguments = maskedArguments;
        EntityType = "tool";
        EntityId = ToolName;
    }

    /// <summary>The invocation of the current async flow, if a tool is running under the audit filter.</summary>
    public static ToolInvocation? Current => Ambient.Value;

    public string PluginName { get; }
    public string FunctionName { get; }
    public string ToolName => $"{PluginName}.{FunctionName}";
    public IReadOnlyDictionary<string, string?> MaskedArguments { get; }

    public AuditAction Action { get; set; } = AuditAction.Read;
    public string EntityType { get; set; }
    public string EntityId { get; set; }
    /// <summary>Masked (last four, no raw PII) state before the change.</summary>
    public object? OldValues { get; set; }
    /// <summary>Masked state after the change, or what was read (ids and counts, not data).</summary>
    public object? NewValues { get; set; }
    public bool ComplianceRelevant { get; set; }
    /// <summary>executed, prepared, refused, held, ... (goes into changes_summary).</summary>
    public string? Outcome { get; set; }

    /// <summary>True once this invocation's single audit row has been written.</summary>
    public bool Audited { get; private set; }

    internal void MarkAudited() => Audited = true;

    /// <summary>Makes <paramref name="invocation"/> current until the returned handle is disposed.</summary>
    public static IDisposable Enter(ToolInvocation invocation)
    {
        var previous = Ambient.Value;
        Ambient.Value = invocation;
        return new Restore(previous);
    }

    /// <summary>The current invocation, or a detached one for a direct (non-kernel) call, which then audits itself.</summary>
    internal static ToolInvocation CurrentOrDetached(string plugin, string function) =>
        Ambient.Value ?? new ToolInvocation(plugin, function, new Dictionary<string, string?>());

    private sealed class Restore(ToolInvocation? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
