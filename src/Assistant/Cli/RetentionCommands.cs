using System.CommandLine;
using BankingLlm.Data;
using BankingLlm.Data.Retention;

namespace BankingLlm.Assistant.Cli;

/// <summary>`retention run [--dry-run]`: the scheduled retention job on demand (docs/retention.md).</summary>
public static class RetentionCommands
{
    /// <summary>Another run holds the retention lock.</summary>
    public const int Busy = 7;

    /// <summary>The run finished but its counts do not reconcile (see the table printed).</summary>
    public const int NotReconciled = 8;

    public static Command Create()
    {
        var retention = new Command("retention", "Data retention: archive or delete rows past the seed's retention periods.");

        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be archived or deleted; change nothing." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Rows per transaction (default Retention:BatchSize, 1000)." };
        var maxBatches = new Option<int?>("--max-batches") { Description = "Stop each table after this many batches (the job resumes on the next run)." };
        var run = new Command("run", "Apply the retention table once: chat sessions 90 days (archive), PII detections 1 year (delete), transactions 7 years (archive), closed accounts 7 years (archive). audit_logs and compliance_events are never deleted.")
        {
            dryRun, batchSize, maxBatches,
        };
        run.SetAction((result, ct) => CliErrors.RunAsync(async () =>
        {
            if (result.GetValue(batchSize) is < 1 || result.GetValue(maxBatches) is < 1)
            {
                await Console.Error.WriteLineAsync("error: --batch-size and --max-batches must be at least 1.");
                return CliErrors.InvalidInput;
            }
            using var host = await CliHost.BuildAsync(ct);
            await host.Services.GetRequiredService<DatabaseStartup>().EnsureReadyAsync(ct);
            try
            {
                var report = await host.Services.GetRequiredService<RetentionJob>().RunAsync(result.GetValue(dryRun), result.GetValue(maxBatches), result.GetValue(batchSize), ct);
                Print(report);
                return report.Reconciles ? 0 : NotReconciled;
            }
            catch (RetentionBusyException busy)
            {
                await Console.Error.WriteLineAsync($"error: {busy.Message}");
                return Busy;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }));

        retention.Subcommands.Add(run);
        return retention;
    }

    private static void Print(RetentionReport report)
    {
        Console.WriteLine($"Retention run {report.RunId}{(report.DryRun ? " (dry run: nothing changed)" : "")}");
        Console.WriteLine($"{"table",-24}{"eligible",10}{(report.DryRun ? "would go" : "removed"),10}{"archived",10}{"remaining",10}{"held",8}  reconciles");
        foreach (var t in report.Tables)
        {
            var removed = report.DryRun ? t.Eligible - t.Held : t.Removed;
            Console.WriteLine($"{t.Table,-24}{t.Eligible,10}{removed,10}{(t.Archives ? t.Archived.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-"),10}{t.Remaining,10}{t.Held,8}  {(t.Reconciles ? "yes" : "NO")}");
        }
        Console.WriteLine(report.Reconciles ? "Counts reconcile: eligible = removed + remaining; each archive grew by what was removed." : "Counts do NOT reconcile; see the rows marked NO.");
    }
}
