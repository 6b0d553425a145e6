using System.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace BankingLlm.Assistant.Tests.Telemetry;

/// <summary>The repository's Prometheus rules (ops/monitoring/prometheus): where they are, the metrics they read, promtool.</summary>
public static partial class AlertRules
{
    public const string RulesFile = "bankingllm-rules.yml";

    public static string Directory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "ops", "monitoring", "prometheus");
            if (File.Exists(Path.Combine(candidate, RulesFile)))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"ops/monitoring/prometheus/{RulesFile} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>Every rule's expr and the names of the rules the file records.</summary>
    public static (IReadOnlyList<string> Expressions, IReadOnlySet<string> Recorded) Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            yaml.Load(reader);
        }
        var expressions = new List<string>();
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (YamlMappingNode group in (YamlSequenceNode)root["groups"])
        {
            foreach (YamlMappingNode rule in (YamlSequenceNode)group["rules"])
            {
                expressions.Add(((YamlScalarNode)rule["expr"]).Value!);
                if (rule.Children.TryGetValue(new YamlScalarNode("record"), out var record))
                {
                    recorded.Add(((YamlScalarNode)record).Value!);
                }
            }
        }
        return (expressions, recorded);
    }

    /// <summary>
    /// The metric names a PromQL expression selects: identifiers that are not functions (followed by "("), keywords,
    /// label names (inside {} or a by/without/on/ignoring list) or durations.
    /// </summary>
    public static IReadOnlySet<string> MetricNames(string expr)
    {
        var text = Strings().Replace(expr, "\"\"");
        text = Braces().Replace(text, "{}");
        text = Ranges().Replace(text, "[]");
        text = Groupings().Replace(text, " ");
        return Identifiers().Matches(text)
            .Where(m => !Keywords.Contains(m.Value) && !Regex.IsMatch(text[(m.Index + m.Length)..], @"^\s*\("))
            .Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Runs promtool with the arguments in the rules folder; returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Promtool(params string[] args)
    {
        var psi = new ProcessStartInfo("promtool") { WorkingDirectory = Directory(), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("promtool did not start (scripts/install-prerequisites.sh installs it)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan",
    };

    [GeneratedRegex(@"""(\\.|[^""\\])*""")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Groupings();

    [GeneratedRegex(@"(?<![\w:.])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifiers();
}
