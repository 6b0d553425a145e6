namespace BankingLlm.Assistant.Tests.Transcripts;

/// <summary>Every transcript under tests/transcripts/ (recursively) is one test case, named by its path.</summary>
[Collection(nameof(TranscriptCollection))]
public sealed class TranscriptCorpusTests(TranscriptServerFixture server)
{
    /// <summary>Transcripts replayed ahead of the one xunit is running.</summary>
    private const int Lookahead = 3;

    private static readonly Lazy<List<string>> All = new(() => [.. ((IEnumerable<object[]>)Files()).Select(row => (string)row[0])]);

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
        var index = All.Value.IndexOf(transcript);
        var result = await server.ReplayAsync(Full(transcript), All.Value.Skip(index + 1).Take(Lookahead).Select(Full));
        Assert.True(result.Passed, result.Describe());
    }

    private static string Full(string relative) => Path.Combine(TranscriptServerFixture.RepositoryRoot, relative);
}
