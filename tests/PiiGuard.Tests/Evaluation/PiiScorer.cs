namespace BankingLlm.PiiGuard.Tests.Evaluation;

/// <summary>
/// The scoring rules of shared/eval/pii/README.md in C#: a prediction matches a gold entity of the same line when the
/// types are equal and 2 * overlap >= gold length; matching is one-to-one with the maximum number of pairs
/// (bipartite matching); precision, recall and F2 are micro-averaged over all types.
/// </summary>
public static class PiiScorer
{
    public sealed record Counts(int TruePositives, int FalsePositives, int FalseNegatives)
    {
        public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

        public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

        public double F2 => Precision + Recall == 0 ? 0 : 5 * Precision * Recall / ((4 * Precision) + Recall);
    }

    public sealed record Report(Counts Overall, IReadOnlyDictionary<string, Counts> ByType, IReadOnlyList<string> Misses, IReadOnlyList<string> FalseAlarms);

    public static Report Score(IReadOnlyList<CorpusLine> gold, IReadOnlyDictionary<string, IReadOnlyList<CorpusEntity>> predictions)
    {
        var tp = new Dictionary<string, int>();
        var fp = new Dictionary<string, int>();
        var fn = new Dictionary<string, int>();
        var misses = new List<string>();
        var falseAlarms = new List<string>();
        foreach (var line in gold)
        {
            var predicted = predictions.TryGetValue(line.Id, out var p) ? p : [];
            var matchOfGold = MaxMatching(line.Entities, predicted);
            var usedPredictions = new HashSet<int>(matchOfGold.Where(m => m >= 0));
            for (var g = 0; g < line.Entities.Count; g++)
            {
                var type = line.Entities[g].Type;
                if (matchOfGold[g] >= 0)
                {
                    Add(tp, type);
                }
                else
                {
                    Add(fn, type);
                    misses.Add($"{line.Id} {type} '{line.Text[line.Entities[g].Start..line.Entities[g].End]}'");
                }
            }

            for (var q = 0; q < predicted.Count; q++)
            {
                if (!usedPredictions.Contains(q))
                {
                    Add(fp, predicted[q].Type);
                    var e = predicted[q];
                    var span = e.Start >= 0 && e.End <= line.Text.Length && e.Start <= e.End ? line.Text[e.Start..e.End] : "?";
                    falseAlarms.Add($"{line.Id} {e.Type} '{span}'");
                }
            }
        }

        var types = tp.Keys.Concat(fp.Keys).Concat(fn.Keys).Distinct().OrderBy(t => t, StringComparer.Ordinal);
        var byType = types.ToDictionary(t => t, t => new Counts(Get(tp, t), Get(fp, t), Get(fn, t)));
        var overall = new Counts(tp.Values.Sum(), fp.Values.Sum(), fn.Values.Sum());
        return new Report(overall, byType, misses, falseAlarms);
    }

    public static bool Matches(CorpusEntity gold, CorpusEntity predicted)
    {
        if (!string.Equals(gold.Type, predicted.Type, StringComparison.Ordinal))
        {
            return false;
        }

        var overlap = Math.Min(gold.End, predicted.End) - Math.Max(gold.Start, predicted.Start);
        return overlap > 0 && 2 * overlap >= gold.End - gold.Start;
    }

    /// <summary>Kuhn's augmenting paths: index of the matched prediction per gold entity, or -1.</summary>
    private static int[] MaxMatching(IReadOnlyList<CorpusEntity> gold, IReadOnlyList<CorpusEntity> predicted)
    {
        var matchOfPrediction = Enumerable.Repeat(-1, predicted.Count).ToArray();
        for (var g = 0; g < gold.Count; g++)
        {
            TryAugment(g, new bool[predicted.Count]);
        }

        var matchOfGold = Enumerable.Repeat(-1, gold.Count).ToArray();
        for (var q = 0; q < predicted.Count; q++)
        {
            if (matchOfPrediction[q] >= 0)
            {
                matchOfGold[matchOfPrediction[q]] = q;
            }
        }

        return matchOfGold;

        bool TryAugment(int g, bool[] seen)
        {
            for (var q = 0; q < predicted.Count; q++)
            {
                if (seen[q] || !Matches(gold[g], predicted[q]))
                {
                    continue;
                }

                seen[q] = true;
                if (matchOfPrediction[q] < 0 || TryAugment(matchOfPrediction[q], seen))
                {
                    matchOfPrediction[q] = g;
                    return true;
                }
            }

            return false;
        }
    }

    private static void Add(Dictionary<string, int> counts, string type) => counts[type] = Get(counts, type) + 1;

    private static int Get(Dictionary<string, int> counts, string type) => counts.TryGetValue(type, out var n) ? n : 0;
}
