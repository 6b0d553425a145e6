using System.CommandLine;
using BankingLlm.Tools.Audit;
using Npgsql;

namespace BankingLlm.Assistant.Cli;

/// <summary>`audit verify`: recompute the audit hash chain and report the first broken row.</summary>
public static class AuditCommands
{
    public const int ChainBroken = 5;

    public static Command Create()
    {
        var audit = new Command("audit", "Audit log maintenance.");
        var verify = new Command("verify", $"Recompute the audit_logs hash chain; exit code 0 when intact, {ChainBroken} with the first broken row (edited, inserted or deleted) otherwise.");
        verify.SetAction((_, ct) => CliErrors.RunAsync(async () =>
        {
            using var host = await CliHost.BuildAsync(ct);
            AuditChainReport report;
            try
            {
                report = await new AuditChainVerifier(host.Services.GetRequiredService<NpgsqlDataSource>()).VerifyAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedFunction)
            {
                await Console.Error.WriteLineAsync("error: the database has no audit hash chain yet; run `db migrate` first.");
                return CliErrors.DatabaseError;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
            if (report.Intact)
            {
                Console.WriteLine($"Audit chain intact: {report.RowsChecked} row(s) checked.");
                return 0;
            }
            await Console.Error.WriteLineAsync(
                $"Audit chain BROKEN at sequence_no {report.FirstBrokenSequenceNo} (log_id {report.FirstBrokenLogId}): {report.Reason}. {report.RowsChecked} row(s) in the table.");
            return ChainBroken;
        }));
        audit.Subcommands.Add(verify);
        return audit;
    }
}
