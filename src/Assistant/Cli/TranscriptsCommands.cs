using System.CommandLine;
using BankingLlm.Assistant.Transcripts;
using BankingLlm.Data;
using BankingLlm.PiiGuard.Analysis;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Assistant.Cli;

/// <summary>`transcripts export SESSION_ID [--out FILE]`: a stored conversation as a QA transcript (docs/transcripts.md).</summary>
public static class TranscriptsCommands
{
    public static Command Create()
    {
        var session = new Argument<Guid>("SESSION_ID") { Description = "The chat session to export (chat_sessions.session_id)." };
        var output = new Option<string?>("--out") { Description = "Write the transcript to this file instead of standard output." };
        var export = new Command("export", "Turn a stored (masked) conversation into a transcript whose expectations are what was observed.") { session, output };
        export.SetAction((result, ct) => CliErrors.RunAsync(async () =>
        {
            using var host = await CliHost.BuildAsync(ct, builder => builder.AddPiiGuard());
            var exporter = new TranscriptExporter(host.Services.GetRequiredService<IDbContextFactory<BankingDbContext>>(), host.Services.GetRequiredService<IPiiAnalyzer>());
            string yaml;
            try
            {
                yaml = await exporter.ExportAsync(result.GetValue(session), ct);
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return CliErrors.InvalidInput;
            }
            if (result.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file, yaml, ct);
                Console.WriteLine($"wrote {file}");
            }
            else
            {
                Console.Write(yaml);
            }
            await host.StopAsync(ct);
            return 0;
        }));
        var transcripts = new Command("transcripts", "QA transcripts (replay them with the replay verb).");
        transcripts.Subcommands.Add(export);
        return transcripts;
    }
}
