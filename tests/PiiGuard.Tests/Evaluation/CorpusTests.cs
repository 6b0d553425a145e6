using System.Globalization;
using System.Text;
using System.Text.Json;
using BankingLlm.PiiGuard.Analysis;
using Xunit.Abstractions;

namespace BankingLlm.PiiGuard.Tests.Evaluation;

/// <summary>
/// Scores the guard on shared/eval/pii/dev.jsonl and writes predictions for the reference scorer:
/// python3 ../shared/eval/pii/score.py ../shared/eval/pii/dev.jsonl tests/PiiGuard.Tests/bin/Debug/net10.0/pii-dev-predictions.jsonl
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    // Floors a little under the measured figures (see docs/pii-guard.md), so a regression fails the build.
    private const double RecallFloor = 0.97;
    private const double PrecisionFloor = 0.95;
    private const double F2Floor = 0.96;
    private const double PerTypeRecallFloor = 0.9;

    public static string PredictionsPath => Path.Combine(AppContext.BaseDirectory, "pii-dev-predictions.jsonl");

    [CorpusFact]
    public void Dev_corpus_meets_recall_precision_and_f2_floors()
    {
        var path = PiiCorpus.Locate();
        Assert.True(path is not null, $"{PiiCorpus.RelativePath} not found (looked upwards from {AppContext.BaseDirectory} and beside each folder).");

        var gold = PiiCorpus.Load(path!);
        var analyzer = PiiAnalyzer.CreateDefault();
        var predictions = new Dictionary<string, IReadOnlyList<CorpusEntity>>();
        var json = new StringBuilder();
        foreach (var line in gold)
        {
            var result = analyzer.Analyze(line.Text, PiiChannelNames.Parse(line.Channel));
            var entities = result.Entities.Select(e => new CorpusEntity(e.Type.ToWireName(), e.Start, e.End)).ToList();
            predictions[line.Id] = entities;
            json.AppendLine(JsonSerializer.Serialize(new
            {
                id = line.Id,
                entities = result.Entities.Select(e => new { type = e.Type.ToWireName(), start = e.Start, end = e.End, score = Math.Round(e.Score, 3) }),
            }));
        }

        File.WriteAllText(PredictionsPath, json.ToString());
        var report = PiiScorer.Score(gold, predictions);
        foreach (var (type, counts) in report.ByType)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{type,-16} tp={counts.TruePositives,3} fp={counts.FalsePositives,3} fn={counts.FalseNegatives,3} p={counts.Precision:0.000} r={counts.Recall:0.000} f2={counts.F2:0.000}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"overall recall={report.Overall.Recall:0.000} precision={report.Overall.Precision:0.000} f2={report.Overall.F2:0.000}"));
        foreach (var miss in report.Misses)
        {
            output.WriteLine("MISS " + miss);
        }

        foreach (var alarm in report.FalseAlarms)
        {
            output.WriteLine("FALSE " + alarm);
        }

        output.WriteLine("predictions: " + PredictionsPath);
        Assert.True(report.Overall.Recall >= RecallFloor, $"recall {report.Overall.Recall:0.000} < {RecallFloor}");
        Assert.True(report.Overall.Precision >= PrecisionFloor, $"precision {report.Overall.Precision:0.000} < {PrecisionFloor}");
        Assert.True(report.Overall.F2 >= F2Floor, $"F2 {report.Overall.F2:0.000} < {F2Floor}");
        foreach (var (type, counts) in report.ByType)
        {
            Assert.True(counts.Recall >= PerTypeRecallFloor, $"{type} recall {counts.Recall:0.000} < {PerTypeRecallFloor}");
        }
    }

    [Fact]
    public void Scorer_applies_half_overlap_and_one_to_one_rules()
    {
        var gold = new[] { new CorpusLine("x", "chat", new string('a', 40), [new CorpusEntity("ssn", 0, 10), new CorpusEntity("ssn", 20, 30)]) };
        var predictions = new Dictionary<string, IReadOnlyList<CorpusEntity>>
        {
            // 5 of 10 overlap is a match; one long prediction can only match one gold entity; wrong type never matches.
            ["x"] = [new CorpusEntity("ssn", 5, 30), new CorpusEntity("phone", 0, 10)],
        };

        var report = PiiScorer.Score(gold, predictions);

        Assert.Equal(1, report.Overall.TruePositives);
        Assert.Equal(1, report.Overall.FalsePositives);
        Assert.Equal(1, report.Overall.FalseNegatives);
        Assert.False(PiiScorer.Matches(new CorpusEntity("ssn", 0, 10), new CorpusEntity("ssn", 6, 12)));
        Assert.True(PiiScorer.Matches(new CorpusEntity("ssn", 0, 10), new CorpusEntity("ssn", 5, 12)));
    }
}
