using System.CommandLine;
using System.Diagnostics;
using BankingLlm.Assistant.Transcripts;

namespace BankingLlm.Assistant.Cli;

/// <summary>
/// `replay PATH... [--server URL] [--report FILE] [--record-model FILE | --replay-model FILE]`: replays QA
/// transcripts (docs/transcripts.md). Prints each failed assertion with file, line, turn, expected and seen, then
/// `N passed, N failed`; exit 0 only when every transcript passed.
/// </summary>
public static class ReplayCommands
{
    public const int TranscriptsFailed = 1;

    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Transcript files (.yaml/.yml) or folders (searched recursively).", Arity = ArgumentArity.OneOrMore };
        var server = new Option<string?>("--server") { Description = "Replay against a running assistant at this address (needs its database: ConnectionStrings__Banking, and its Auth:SigningKey). Default: an in-process server on the private database." };
        var report = new Option<string?>("--report") { Description = "Also write a JUnit XML report to this file." };
        var record = new Option<string?>("--record-model") { Description = "Record every model response to this file (in-process server only)." };
        var replay = new Option<string?>("--replay-model") { Description = "Serve model responses from this recording instead of the configured model (in-process server only)." };
        var parallel = new Option<int>("--parallel") { Description = "Transcripts replayed at once.", DefaultValueFactory = _ => 4 };
        var command = new Command("replay", "Replay QA transcripts and check what the assistant did.") { paths, server, report, record, replay, parallel };
        command.SetAction((result, ct) => CliErrors.RunAsync(async () =>
        {
            var missing = new List<string>();
            var files = TranscriptFiles.Expand(result.GetValue(paths) ?? [], missing);
            if (missing.Count > 0)
            {
                await Console.Error.WriteLineAsync($"error: no such file or folder: {string.Join(", ", missing)}");
                return CliErrors.InvalidInput;
            }
            if (files.Count == 0)
            {
                await Console.Error.WriteLineAsync("error: no transcripts (.yaml or .yml) found.");
                return CliErrors.InvalidInput;
            }
            var recording = new ModelRecordingOptions(result.GetValue(record), result.GetValue(replay));
            if (recording.RecordFile is not null && recording.ReplayFile is not null)
            {
                await Console.Error.WriteLineAsync("error: give --record-model or --replay-model, not both.");
                return CliErrors.InvalidInput;
            }
            if (result.GetValue(parallel) is < 1 or > 64)
            {
                await Console.Error.WriteLineAsync("error: --parallel must be between 1 and 64.");
                return CliErrors.InvalidInput;
            }
            ReplayTarget target;
            if (result.GetValue(server) is { } url)
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
                {
                    await Console.Error.WriteLineAsync("error: --server must be an http(s) address, e.g. http://localhost:5000.");
                    return CliErrors.InvalidInput;
                }
                if (recording.RecordFile is not null || recording.ReplayFile is not null)
                {
                    await Console.Error.WriteLineAsync("error: --record-model and --replay-model wrap the model of the in-process server; they cannot be used with --server.");
                    return CliErrors.InvalidInput;
                }
                target = await ReplayTarget.ConnectAsync(address, ct);
            }
            else
            {
                target = await ReplayTarget.StartInProcessAsync([], recording, ct);
            }

            IReadOnlyList<TranscriptResult> results;
            var watch = Stopwatch.StartNew();
            await using (target)
            {
                results = await new TranscriptReplayer(target).RunFilesAsync(files, result.GetValue(parallel), r =>
                {
                    if (!r.Passed)
                    {
                        Console.WriteLine(r.Describe());
                    }
                }, ct);
            }
            watch.Stop();
            var passed = results.Count(r => r.Passed);
            if (result.GetValue(report) is { } reportFile)
            {
                JUnitReport.Build(results, watch.Elapsed).Save(reportFile);
            }
            if (recording.RecordFile is not null)
            {
                Console.WriteLine($"model responses recorded to {recording.RecordFile}");
            }
            Console.WriteLine($"{passed} passed, {results.Count - passed} failed");
            return passed == results.Count ? 0 : TranscriptsFailed;
        }));
        return command;
    }
}
