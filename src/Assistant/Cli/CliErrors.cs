using BankingLlm.Data;
using BankingLlm.Data.Postgres;
using BankingLlm.Data.Security;
using BankingLlm.Data.Validation;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Cli;

/// <summary>Turns the failures an operator can fix into one clear line on stderr and a non-zero exit code.</summary>
public static class CliErrors
{
    public const int ConfigurationError = 2;
    public const int DatabaseError = 3;
    public const int InvalidInput = 4;

    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception ex) when (Classify(ex) is { } failure)
        {
            await Console.Error.WriteLineAsync($"error: {failure.Message}");
            return failure.ExitCode;
        }
    }

    private static (string Message, int ExitCode)? Classify(Exception ex) => ex switch
    {
        KeyRingException k => ($"key ring: {k.Message}", ConfigurationError),
        LocalPostgresException p => ($"private database: {p.Message}", DatabaseError),
        DatabaseUnavailableException d => (d.Message, DatabaseError),
        Npgsql.NpgsqlException n => ($"database: {n.Message} (check ConnectionStrings__Banking)", DatabaseError),
        OptionsValidationException o => ($"configuration: {string.Join("; ", o.Failures)}", ConfigurationError),
        DataValidationException v => (v.Message, InvalidInput),
        InvalidOperationException i when i.InnerException is Npgsql.NpgsqlException n2 => ($"database: {n2.Message} (check ConnectionStrings__Banking)", DatabaseError),
        InvalidOperationException i => (i.Message, ConfigurationError),
        AggregateException { InnerExceptions.Count: 1 } a => Classify(a.InnerExceptions[0]),
        _ => null,
    };
}
