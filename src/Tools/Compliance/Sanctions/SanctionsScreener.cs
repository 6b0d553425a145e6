using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BankingLlm.Tools.Compliance.Sanctions;

/// <summary>
/// Screens a beneficiary name against the sanctions list with fuzzy matching: every token of the beneficiary's name
/// must find a counterpart in the listed name (Jaro-Winkler on the spelling and on a transliteration skeleton,
/// whichever is higher; the score is the length-weighted mean), and at least two listed tokens must be matched, so a
/// listed surname alone does not hold a payment while an omitted middle name or patronymic does not let one through.
/// Word order is ignored ("LAST, First"); company suffixes and particles (AL, BIN, LLC) are dropped.
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

    /// <summary>Similarity of two tokens: the higher of the spelling and the transliteration skeleton.</summary>
    private static double Similarity(string a, string aSkeleton, string b, string bSkeleton)
    {
        if (a.Length == 1 || b.Length == 1)
        {
            // An initial matches a name that starts with it, and nothing else.
            return a[0] == b[0] ? 0.9 : 0.0;
        }
        return Math.Max(JaroWinkler.Similarity(a, b), JaroWinkler.Similarity(aSkeleton, bSkeleton));
    }

    private const double TokenMatch = 0.85;

    /// <summary>
    /// Mostly the beneficiary's side: every beneficiary token must match some listed token (length-weighted mean of
    /// the best matches), blended 3:1 with the listed side so a listed name with many unmatched tokens scores lower.
    /// At least two listed tokens (or all, for a one-token listed name) must be matched, so "SMITH" alone never
    /// matches "SMITH, John" while an omitted middle name or patronymic does not let a listed person through.
    /// </summary>
    private static double Score(IReadOnlyList<string> tokens, IReadOnlyList<string> skeletons, SanctionsEntry entry)
    {
        var (beneficiarySide, matchedListed) = Directional(tokens, skeletons, entry.Tokens, entry.Skeletons);
        var (listedSide, _) = Directional(entry.Tokens, entry.Skeletons, tokens, skeletons);
        var score = (0.75 * beneficiarySide) + (0.25 * listedSide);
        var needed = Math.Min(2, entry.Tokens.Count);
        return matchedListed >= needed ? score : score * 0.8;
    }

    private static (double Score, int Matched) Directional(IReadOnlyList<string> from, IReadOnlyList<string> fromSkel, IReadOnlyList<string> to, IReadOnlyList<string> toSkel)
    {
        double weighted = 0;
        double weights = 0;
        var matched = new HashSet<int>();
        for (var i = 0; i < from.Count; i++)
        {
            var best = 0.0;
            var bestJ = -1;
            for (var j = 0; j < to.Count; j++)
            {
                var s = Similarity(from[i], fromSkel[i], to[j], toSkel[j]);
                if (s > best)
                {
                    best = s;
                    bestJ = j;
                }
            }
            if (bestJ >= 0 && best >= TokenMatch)
            {
                matched.Add(bestJ);
            }
            var w = Math.Max(2, from[i].Length);
            weighted += best * w;
            weights += w;
        }
        return (weights == 0 ? 0 : weighted / weights, matched.Count);
    }
}
