using System.CommandLine;
using BankingLlm.Assistant.Security;
using BankingLlm.Data;

namespace BankingLlm.Assistant.Cli;

/// <summary>`tokens issue --customer ID`: a customer JWT for trying the hub on a developer machine.</summary>
public static class TokensCommands
{
    public static Command Create()
    {
        var customer = new Option<Guid>("--customer") { Description = "The customer id the token is for (the demo customer is c0ffee00-0000-4000-8000-000000000001).", Required = true };
        var minutes = new Option<int>("--minutes") { Description = "Lifetime in minutes.", DefaultValueFactory = _ => 60 };
        var issue = new Command("issue", "Issue a customer JWT signed with the development key (or Auth:SigningKey). Development only: not a login.") { customer, minutes };
        issue.SetAction((result, ct) => CliErrors.RunAsync(() =>
        {
            if (result.GetValue(minutes) is < 1 or > 24 * 60)
            {
                Console.Error.WriteLine("error: --minutes must be between 1 and 1440.");
                return Task.FromResult(1);
            }
            var builder = Host.CreateApplicationBuilder();
            var auth = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
            var isDevelopmentMachine = string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName));
            if (!isDevelopmentMachine && !builder.Environment.IsDevelopment())
            {
                Console.Error.WriteLine("error: tokens issue is for development only (no ConnectionStrings__Banking, or DOTNET_ENVIRONMENT=Development). Production tokens come from the bank's identity provider.");
                return Task.FromResult(2);
            }
            var key = SigningKeys.Resolve(auth, new DatabaseOptions { UsesPrivateCluster = true }, builder.Environment.ContentRootPath)
                ?? throw new InvalidOperationException("Auth:Authority is set: tokens come from that identity provider, not from this verb.");
            Console.WriteLine(new CustomerTokenIssuer(auth, key, TimeProvider.System).Issue(result.GetValue(customer), TimeSpan.FromMinutes(result.GetValue(minutes))));
            return Task.FromResult(0);
        }));
        var tokens = new Command("tokens", "Development tokens.");
        tokens.Subcommands.Add(issue);
        return tokens;
    }
}
