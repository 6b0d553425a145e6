using System.Text.Json;
using System.Text.Json.Serialization;

namespace BankingLlm.PiiGuard.Tests.Evaluation;

/// <summary>One labelled line of shared/eval/pii/dev.jsonl.</summary>
public sealed record CorpusLine(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("entities")] IReadOnlyList<CorpusEntity> Entities);

public sealed record CorpusEntity(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End);

/// <summary>Finds and reads the labelled corpus. CI runs in a fresh clone with shared/ as a sibling of the repo.</summary>
public static class PiiCorpus
{
    public const string RelativePath = "shared/eval/pii/dev.jsonl";

    /// <summary>Walks up from the test binaries looking for shared/eval/pii/dev.jsonl in each folder or its parent.</summary>
    public static string? Locate()
    {
        var overridePath = Environment.GetEnvironmentVariable("PII_DEV_CORPUS");
        if (!string.IsNullOrEmpty(overridePath) && File.Exists(overridePath))
        {
            return overridePath;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var here = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(here))
            {
                return here;
            }

            if (dir.Parent is { } parent)
            {
                var sibling = Path.Combine(parent.FullName, RelativePath);
                if (File.Exists(sibling))
                {
                    return sibling;
                }
            }
        }

        return null;
    }

    /// <summary>True when the tests run inside the repository (a folder with BankingLlm.sln above the binaries).</summary>
    public static bool RunningInRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BankingLlm.sln")))
            {
                return true;
            }
        }

        return false;
    }

    public static IReadOnlyList<CorpusLine> Load(string path) =>
        [.. File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => JsonSerializer.Deserialize<CorpusLine>(l)!)];
}
