namespace BankingLlm.Assistant.Transcripts;

/// <summary>Expands the paths given to `replay` (files or folders, folders recursively) into transcript files.</summary>
public static class TranscriptFiles
{
    public static bool IsTranscript(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The files, sorted within each folder; a path that does not exist is returned in <paramref name="missing"/>.</summary>
    public static List<string> Expand(IEnumerable<string> paths, List<string> missing)
    {
        var files = new List<string>();
        foreach (var given in paths)
        {
            var path = Locate(given);
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(IsTranscript).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                missing.Add(given);
            }
        }
        return [.. files.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// A relative path from the current folder, or else from an enclosing one: `dotnet run --project src/Assistant`
    /// runs in the project's folder, so `replay tests/transcripts` typed at the repository root still finds it.
    /// </summary>
    private static string Locate(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path) || Directory.Exists(path))
        {
            return path;
        }
        for (var dir = Directory.GetParent(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return Path.GetRelativePath(Environment.CurrentDirectory, candidate);
            }
        }
        return path;
    }
}
