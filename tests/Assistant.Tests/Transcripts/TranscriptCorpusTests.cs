namespace BankingLlm.Assistant.Tests.Transcripts;

/// <summary>Every transcript under tests/transcripts/ (recursively) is one test case, named by its path.</summary>
[Collection(nameof(TranscriptCollection))]
public sealed class TranscriptCorpusTests(TranscriptServerFixture server)
{
    public static TheoryData<string> Files()
    {
        var root = Path.Combine(TranscriptServerFixture.RepositoryRoot, "tests", "transcripts");
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(Assistant.Transcripts.TranscriptFiles.IsTranscript).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(TranscriptServerFixture.RepositoryRoot, file).Replace('\\', '/'));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Replays(string transcript)
    {
        var result = await server.Replayer.RunFileAsync(Path.Combine(TranscriptServerFixture.RepositoryRoot, transcript));
        Assert.True(result.Passed, result.Describe());
    }
}
