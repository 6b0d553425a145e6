using BankingLlm.PiiGuard.Recognizers;

namespace BankingLlm.PiiGuard.Analysis;

/// <summary>
/// Makes detections non-overlapping: highest score wins; on equal scores the longer span wins; then the earlier
/// start. A candidate that overlaps an already accepted one is dropped whole (no partial spans).
/// </summary>
public static class OverlapResolver
{
    public static List<RecognizerResult> Resolve(List<RecognizerResult> candidates)
    {
        if (candidates.Count <= 1)
        {
            return [.. candidates];
        }

        var ordered = candidates
            .OrderByDescending(c => c.Score)
            .ThenByDescending(c => c.Length)
            .ThenBy(c => c.Start)
            .ToList();
        var accepted = new List<RecognizerResult>(ordered.Count);
        foreach (var candidate in ordered)
        {
            var overlaps = false;
            foreach (var taken in accepted)
            {
                if (candidate.Start < taken.End && taken.Start < candidate.End)
                {
                    overlaps = true;
                    break;
                }
            }

            if (!overlaps)
            {
                accepted.Add(candidate);
            }
        }

        accepted.Sort((a, b) => a.Start.CompareTo(b.Start));
        return accepted;
    }
}
