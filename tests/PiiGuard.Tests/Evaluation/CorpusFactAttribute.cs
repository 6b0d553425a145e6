namespace BankingLlm.PiiGuard.Tests.Evaluation;

/// <summary>
/// A fact that is skipped, with a message saying why, only when the labelled corpus is truly absent: neither found
/// nor expected (no shared/ folder beside the repository). In the repository layout it always runs.
/// </summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (PiiCorpus.Locate() is null && !SharedFolderExpected())
        {
            Skip = $"{PiiCorpus.RelativePath} is not on this machine (no shared/ folder beside the repository); set PII_DEV_CORPUS to its path to run the corpus test.";
        }
    }

    private static bool SharedFolderExpected()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "shared")) || (dir.Parent is { } parent && Directory.Exists(Path.Combine(parent.FullName, "shared", "eval"))))
            {
                return true;
            }
        }

        return false;
    }
}
