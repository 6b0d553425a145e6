using System.CommandLine;
using BankingLlm.Data;
using BankingLlm.Data.Retention;

namespace BankingLlm.Assistant.Cli;

/// <summary>`customers anonymize ID`: the seed's "customers: lifetime, anonymisation" on request.</summary>
public static class CustomersCommands
{
    public static Command Create()
    {
        var customers = new Command("customers", "Customer records.");

        var id = new Argument<Guid>("customer-id") { Description = "The customer to anonymise (customers.customer_id)." };
        var anonymize = new Command("anonymize", "Replace the customer's personal data (names, contact, address, birth date, SSN, documents), destroy the PII vaults of their chat sessions, mark them closed; accounts, transactions, compliance events and audit logs keep the customer id. Audited; running it again changes nothing.")
        {
            id,
        };
        anonymize.SetAction((result, ct) => CliErrors.RunAsync(async () =>
        {
            using var host = await CliHost.BuildAsync(ct);
            try
            {
                await host.Services.GetRequiredService<DatabaseStartup>().EnsureReadyAsync(ct);
                var outcome = await host.Services.GetRequiredService<CustomerAnonymizer>().AnonymizeAsync(result.GetValue(id), ct);
                Console.WriteLine(outcome.AlreadyAnonymized
                    ? $"Customer {outcome.CustomerId} was already anonymised; nothing changed ({outcome.VaultRowsDestroyed} vault row(s) destroyed)."
                    : $"Customer {outcome.CustomerId} anonymised: personal data replaced, status closed, {outcome.VaultRowsDestroyed} vault row(s) destroyed; regulatory records kept.");
                return 0;
            }
            catch (KeyNotFoundException missing)
            {
                await Console.Error.WriteLineAsync($"error: {missing.Message} Nothing was changed.");
                return CliErrors.InvalidInput;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }));

        customers.Subcommands.Add(anonymize);
        return customers;
    }
}
