using System.CommandLine;
using BankingLlm.Assistant.Security;
using BankingLlm.Data;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Assistant.Cli;

/// <summary>
/// `tokens issue --customer ID` or `tokens issue --staff EMAIL`: a customer or staff JWT for trying the hubs on a
/// developer machine. Not a login: staff sign in with POST /auth/staff/token, customers through the bank's provider.
/// </summary>
public static class TokensCommands
{
    public static Command Create()
    {
        var customer = new Option<Guid?>("--customer") { Description = "The customer id the token is for (the demo customer is c0ffee00-0000-4000-8000-000000000001)." };
        var staff = new Option<string?>("--staff") { Description = "The staff member (users.email) the token is for; must be active (see `staff add`)." };
        var minutes = new Option<int?>("--minutes") { Description = "Lifetime in minutes (customer default 60, staff default Auth:StaffTokenMinutes)." };
        var issue = new Command("issue", "Issue a customer or staff JWT signed with the development key (or Auth:SigningKey). Development only: not a login.") { customer, staff, minutes };
        issue.SetAction((result, ct) => CliErrors.RunAsync(async () =>
        {
            if ((result.GetValue(customer) is null) == (result.GetValue(staff) is null))
            {
                await Console.Error.WriteLineAsync("error: give exactly one of --customer ID or --staff EMAIL.");
                return 1;
            }
            if (result.GetValue(minutes) is < 1 or > 24 * 60)
            {
                await Console.Error.WriteLineAsync("error: --minutes must be between 1 and 1440.");
                return 1;
            }
            var builder = Host.CreateApplicationBuilder();
            var auth = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
            var isDevelopmentMachine = string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName));
            if (!isDevelopmentMachine && !builder.Environment.IsDevelopment())
            {
                await Console.Error.WriteLineAsync("error: tokens issue is for development only (no ConnectionStrings__Banking, or DOTNET_ENVIRONMENT=Development). Production tokens come from the bank's identity provider.");
                return 2;
            }
            var key = SigningKeys.Resolve(auth, new DatabaseOptions { UsesPrivateCluster = true }, builder.Environment.ContentRootPath)
                ?? throw new InvalidOperationException("Auth:Authority is set: tokens come from that identity provider, not from this verb.");
            var lifetime = result.GetValue(minutes) is { } m ? TimeSpan.FromMinutes(m) : (TimeSpan?)null;
            if (result.GetValue(customer) is { } customerId)
            {
                Console.WriteLine(new CustomerTokenIssuer(auth, key, TimeProvider.System).Issue(customerId, lifetime ?? TimeSpan.FromMinutes(60)));
                return 0;
            }
            var email = result.GetValue(staff)!.Trim();
            using var host = await CliHost.BuildAsync(ct);
            await using var db = await host.Services.GetRequiredService<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync(ct);
            var user = await db.Users.AsNoTracking().Where(u => u.Email == email && u.IsActive).Select(u => new { u.UserId, u.Role }).SingleOrDefaultAsync(ct);
            await host.StopAsync(ct);
            if (user is null)
            {
                await Console.Error.WriteLineAsync($"error: no active staff member with e-mail {email} (add one with `staff add`).");
                return CliErrors.InvalidInput;
            }
            Console.WriteLine(new StaffTokenIssuer(auth, key, TimeProvider.System).Issue(user.UserId, user.Role, lifetime));
            return 0;
        }));
        var tokens = new Command("tokens", "Development tokens.");
        tokens.Subcommands.Add(issue);
        return tokens;
    }
}
