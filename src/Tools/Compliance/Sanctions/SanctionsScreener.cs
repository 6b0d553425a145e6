using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BankingLlm.Tools.Compliance.Sanctions;

/// <summary>
/// Screens a beneficiary name against the sanctions list with fuzzy matching: every token of the listed name must
/// find a counterpart in the beneficiary's name (Jaro-Winkler on the spelling and on a transliteration skeleton,
/// whichever is higher), and the score is the length-weighted mean over the listed name's tokens, also required from
/// the beneficiary's side so a listed surname alone does not hold a payment. Word order is ignored ("LAST, First").
/// </summary>
public sealed class SanctionsScreener
{
    private readonly Lazy<IReadOnlyList<SanctionsEntry>> _entries;
    private readonly double _threshold;

    public SanctionsScreener(IOptions<BankingToolsOptions> options, ILogger<SanctionsScreener> logger)
    {
        var o = options.Value;
        _threshold = o.SanctionsMatchThreshold;
        _entries = new Lazy<IReadOnlyList<SanctionsEntry>>(() =>
        {
            if (!string.IsNullOrWhiteSpace(o.SanctionsListPath))
            {
                var list = SdnCsvLoader.LoadFiles(o.SanctionsListPath, o.SanctionsAltNamesPath);
                ToolsLog.SanctionsListLoaded(logger, list.Count, list.Select(e => e.EntityNumber).Distinct().Count());
                return list;
            }
            var sample = LoadSample();
            ToolsLog.SampleSanctionsList(logger, sample.Count);
            return sample;
        });
    }

    public SanctionsScreener(IReadOnlyList<SanctionsEntry> entries, double threshold)
    {
        _entries = new Lazy<IReadOnlyList<SanctionsEntry>>(entries);
        _threshold = threshold;
    }

    public double Threshold => _threshold;

    public int Count => _entries.Value.Count;

    /// <summary>The best match at or above the threshold, or null.</summary>
    public SanctionsMatch? Screen(string name)
    {
        var best = BestMatch(name);
        return best is { } m && m.Score >= _threshold ? m : null;
    }

    /// <summary>The best-scoring listed name whatever its score (for tuning and tests).</summary>
    public SanctionsMatch? BestMatch(string name)
    {
        var tokens = NameNormalizer.Tokens(name);
        if (tokens.Count == 0)
        {
            return null;
        }
        var skeletons = tokens.Select(NameNormalizer.Skeleton).ToList();
        SanctionsMatch? best = null;
        foreach (var entry in _entries.Value)
        {
            var score = Score(tokens, skeletons, entry);
            if (best is null || score > best.Score)
            {
                best = new SanctionsMatch(entry.EntityNumber, entry.Name, entry.Program, score, entry.IsAlias);
            }
        }
        return best;
    }

    public static IReadOnlyList<SanctionsEntry> LoadSample()
    {
        using var stream = typeof(SanctionsScreener).Assembly.GetManifestResourceStream("BankingLlm.Tools.SampleData.sdn.csv")
            ?? throw new InvalidOperationException("The embedded sample sanctions list is missing.");
        using var altStream = typeof(SanctionsScreener).Assembly.GetManifestResourceStream("BankingLlm.Tools.SampleData.alt.csv");
        using var reader = new StreamReader(stream);
        using var alt = altStream is null ? null : new StreamReader(altStream);
        return SdnCsvLoader.Load(reader, alt);
    }

    private static double Score(IReadOnlyList<string> tokens, IReadOnlyList<string> skeletons, SanctionsEntry entry)
    {
        var listedSide = Directional(entry.Tokens, entry.Skeletons, tokens, skeletons);
        var beneficiarySide = Directional(tokens, skeletons, entry.Tokens, entry.Skeletons);
        // A single-token name on either side ("SMITH") cannot reach a full match of a multi-token listed name.
        return Math.Min(listedSide, beneficiarySide);
    }

    private static double Directional(IReadOnlyList<string> from, IReadOnlyList<string> fromSkel, IReadOnlyList<string> to, IReadOnlyList<string> toSkel)
    {
        double weighted = 0;
        double weights = 0;
        for (var i = 0; i < from.Count; i++)
        {
            var best = 0.0;
            for (var j = 0; j < to.Count; j++)
            {
                var s = Math.Max(JaroWinkler.Similarity(from[i], to[j]), JaroWinkler.Similarity(fromSkel[i], toSkel[j]));
                if (from[i].Length == 1 || to[j].Length == 1)
                {
                    // An initial matches a name that starts with it, and nothing else.
                    s = from[i][0] == to[j][0] ? 0.9 : 0.0;
                }
                best = Math.Max(best, s);
            }
            var w = Math.Max(2, from[i].Length);
            weighted += best * w;
            weights += w;
        }
        return weights == 0 ? 0 : weighted / weights;
    }
}
