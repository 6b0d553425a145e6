using System.Globalization;
using System.Xml.Linq;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>`replay --report FILE`: JUnit XML (one testcase per transcript) for CI systems to show.</summary>
public static class JUnitReport
{
    public static XDocument Build(IReadOnlyList<TranscriptResult> results, TimeSpan total)
    {
        var failed = results.Count(r => r.Outcome == TranscriptOutcome.Failed);
        var malformed = results.Count(r => r.Outcome == TranscriptOutcome.Malformed);
        var suite = new XElement("testsuite",
            new XAttribute("name", "transcripts"),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", failed),
            new XAttribute("errors", malformed),
            new XAttribute("skipped", 0),
            new XAttribute("time", Seconds(total)),
            new XAttribute("timestamp", DateTime.UtcNow.ToString("s", CultureInfo.InvariantCulture)));
        foreach (var r in results)
        {
            var testcase = new XElement("testcase",
                new XAttribute("classname", "transcripts." + (Path.GetDirectoryName(r.File)?.Replace(Path.DirectorySeparatorChar, '.') ?? "")),
                new XAttribute("name", $"{Path.GetFileName(r.File)}: {r.Name}"),
                new XAttribute("file", r.File),
                new XAttribute("time", Seconds(r.Duration)));
            if (r.Outcome == TranscriptOutcome.Failed)
            {
                testcase.Add(new XElement("failure",
                    new XAttribute("message", $"{r.Failures.Count} assertion(s) failed: {r.Failures[0]}"),
                    new XAttribute("type", "TranscriptAssertion"),
                    r.Describe()));
            }
            else if (r.Outcome == TranscriptOutcome.Malformed)
            {
                testcase.Add(new XElement("error",
                    new XAttribute("message", $"malformed transcript: {r.Problems[0]}"),
                    new XAttribute("type", "MalformedTranscript"),
                    r.Describe()));
            }
            suite.Add(testcase);
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites",
            new XAttribute("tests", results.Count), new XAttribute("failures", failed), new XAttribute("errors", malformed), new XAttribute("time", Seconds(total)), suite));
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
