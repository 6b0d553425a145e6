using System.CommandLine;
using BankingLlm.PiiGuard.Scanning;

namespace BankingLlm.Assistant.Cli;

/// <summary>`pii scan`: JSONL in on stdin ({"id","text","channel"?}), JSONL out ({"id","masked","entities"}).</summary>
public static class PiiCommands
{
    public static Command Create()
    {
        var scan = new Command("scan", "Read JSONL lines {\"id\",\"text\",\"channel\"?} on stdin; write {\"id\",\"masked\",\"entities\":[{\"type\",\"start\",\"end\",\"score\"}]} per line on stdout. A bad line gives {\"id\",\"error\"} and the scan goes on.");
        scan.SetAction((_, ct) => CliErrors.RunAsync(async () =>
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddPiiGuard(builder.Configuration.GetSection(BankingLlm.PiiGuard.PiiGuardOptions.SectionName));
            using var services = builder.Services.BuildServiceProvider();
            var scanner = services.GetRequiredService<PiiScanner>();
            using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
            string? line;
            while ((line = await Console.In.ReadLineAsync(ct)) is not null)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    await stdout.WriteLineAsync(scanner.ScanLine(line));
                }
            }
            await stdout.FlushAsync(ct);
            return 0;
        }));
        var pii = new Command("pii", "PII guard tools.");
        pii.Subcommands.Add(scan);
        return pii;
    }
}
