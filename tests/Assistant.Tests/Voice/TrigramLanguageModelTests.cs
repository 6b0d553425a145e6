using BankingLlm.Assistant.Voice.Offline;

namespace BankingLlm.Assistant.Tests.Voice;

public sealed class TrigramLanguageModelTests
{
    private static readonly string[][] Corpus =
    [
        ["move", "fifty", "dollars", "to", "savings"],
        ["move", "ten", "dollars", "to", "checking"],
        ["what", "is", "my", "balance"],
        ["what", "is", "my", "checking", "balance"],
        ["yes"],
        ["yes", "go", "ahead"],
    ];

    [Theory]
    [InlineData("<s>", "move")]
    [InlineData("move", "fifty")]
    [InlineData("dollars", "to")]
    [InlineData("is", "my")]
    [InlineData("savings", "yes")]      // a history never seen as a bigram: pure backoff
    [InlineData("<s>", "<s>")]
    public void Every_conditional_distribution_sums_to_one(string previous2, string previous1)
    {
        var model = TrigramLanguageModel.Train(Corpus);
        var total = model.Vocabulary.Sum(w => model.Probability(previous2, previous1, w));
        Assert.Equal(1.0, total, 9);
    }

    [Fact]
    public void Seen_continuations_beat_unseen_ones_and_unseen_ones_keep_some_mass()
    {
        var model = TrigramLanguageModel.Train(Corpus);
        var seen = model.Probability("dollars", "to", "savings");
        var unseen = model.Probability("dollars", "to", "balance");
        Assert.True(seen > unseen * 5, $"{seen} vs {unseen}");
        Assert.True(unseen > 0);
        Assert.All(model.Discounts, d => Assert.InRange(d, 0.1, 0.9));
    }

    [Fact]
    public void Arpa_file_has_the_counts_of_its_sections_and_backoff_weights()
    {
        var model = TrigramLanguageModel.Train(Corpus);
        var writer = new StringWriter();
        model.WriteArpa(writer);
        var lines = writer.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("\\data\\", lines);
        Assert.Equal("\\end\\", lines.Last(l => l.Length > 0));
        foreach (var order in new[] { 1, 2, 3 })
        {
            var declared = int.Parse(lines.Single(l => l.StartsWith($"ngram {order}=", StringComparison.Ordinal))[8..], System.Globalization.CultureInfo.InvariantCulture);
            var start = lines.IndexOf($"\\{order}-grams:");
            var entries = lines.Skip(start + 1).TakeWhile(l => l.Length > 0).ToList();
            Assert.Equal(declared, entries.Count);
            Assert.All(entries, e => Assert.InRange(e.Split('\t').Length, order + 1, order + 2));
        }
        Assert.Contains(lines, l => l.StartsWith("-99\t<s>\t", StringComparison.Ordinal));
        // "dollars to" continues with two words: it is a trigram history, so its bigram line carries a backoff weight.
        Assert.Contains(lines, l => l.Split('\t') is [_, "dollars", "to", _]);
    }

    [Fact]
    public void Empty_corpus_is_refused()
    {
        Assert.Throws<ArgumentException>(() => TrigramLanguageModel.Train([]));
    }
}
