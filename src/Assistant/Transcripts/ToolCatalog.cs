using System.Reflection;
using BankingLlm.Tools.Accounts;
using Microsoft.SemanticKernel;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>The tool names a transcript may name ("plugin.function"), read from the plugins themselves.</summary>
public static class ToolCatalog
{
    private static readonly Lazy<IReadOnlySet<string>> Names = new(Discover);

    public static IReadOnlySet<string> All => Names.Value;

    public static IReadOnlySet<string> Plugins { get; } = new HashSet<string>(All.Select(n => n[..n.IndexOf('.', StringComparison.Ordinal)]), StringComparer.Ordinal);

    private static HashSet<string> Discover()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in typeof(AccountsPlugin).Assembly.GetTypes())
        {
            if (type.GetField("PluginName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is not string plugin)
            {
                continue;
            }
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            {
                if (method.GetCustomAttribute<KernelFunctionAttribute>() is { } function)
                {
                    names.Add($"{plugin}.{function.Name ?? method.Name}");
                }
            }
        }
        return names;
    }
}
