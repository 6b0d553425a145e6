using System.CommandLine;
using BankingLlm.Assistant.Security;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Assistant.Cli;

/// <summary>
/// `staff add --email E --name N --role R`: a staff member (users) with a bcrypt password read from
/// BANKINGLLM_STAFF_PASSWORD or the first line of standard input (never an argument: it would stay in shell history).
/// `staff list`: who may sign in, without hashes.
/// </summary>
public static class StaffCommands
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "The staff member's e-mail: the user name of POST /auth/staff/token.", Required = true };
        var name = new Option<string>("--name") { Description = "Full name.", Required = true };
        var role = new Option<string>("--role") { Description = "agent, supervisor, compliance_officer, auditor or admin (agents and supervisors may join escalated chats).", Required = true };
        var department = new Option<string?>("--department") { Description = "Department." };
        var add = new Command("add", "Add a staff member; the password (12+ characters) comes from BANKINGLLM_STAFF_PASSWORD or standard input.") { email, name, role, department };
        add.SetAction((result, ct) => CliErrors.RunAsync(async () =>
        {
            var parsed = Enum.GetValues<StaffRole>().Cast<StaffRole?>().FirstOrDefault(r => StaffRoles.ToWire(r!.Value) == result.GetValue(role));
            if (parsed is null)
            {
                await Console.Error.WriteLineAsync("error: --role must be agent, supervisor, compliance_officer, auditor or admin.");
                return 1;
            }
            var password = Environment.GetEnvironmentVariable("BANKINGLLM_STAFF_PASSWORD") ?? await Console.In.ReadLineAsync(ct);
            if (password is null || password.Length < 12)
            {
                await Console.Error.WriteLineAsync("error: a staff password of at least 12 characters is required (BANKINGLLM_STAFF_PASSWORD or standard input).");
                return 1;
            }
            using var host = await CliHost.BuildAsync(ct);
            var user = new User
            {
                UserId = Guid.CreateVersion7(),
                Email = result.GetValue(email)!.Trim(),
                FullName = result.GetValue(name)!.Trim(),
                Role = parsed.Value,
                Department = result.GetValue(department),
                PasswordHash = StaffPasswordHasher.Hash(password),
                IsActive = true,
            };
            await using (var db = await host.Services.GetRequiredService<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync(ct))
            {
                if (await db.Users.AnyAsync(u => u.Email == user.Email, ct))
                {
                    await Console.Error.WriteLineAsync($"error: a staff member with e-mail {user.Email} exists.");
                    return CliErrors.InvalidInput;
                }
                db.Users.Add(user);
                await db.SaveChangesAsync(ct);
            }
            await host.StopAsync(ct);
            Console.WriteLine(user.UserId);
            return 0;
        }));

        var list = new Command("list", "List staff members (e-mail, role, active, last sign-in).");
        list.SetAction((_, ct) => CliErrors.RunAsync(async () =>
        {
            using var host = await CliHost.BuildAsync(ct);
            await using (var db = await host.Services.GetRequiredService<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync(ct))
            {
                foreach (var u in await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct))
                {
                    Console.WriteLine($"{u.UserId}  {u.Email}  {StaffRoles.ToWire(u.Role)}  {(u.IsActive ? "active" : "inactive")}  last sign-in {u.LastLoginAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "never"}");
                }
            }
            await host.StopAsync(ct);
            return 0;
        }));

        var staff = new Command("staff", "Staff members who sign in to the staff hub.");
        staff.Subcommands.Add(add);
        staff.Subcommands.Add(list);
        return staff;
    }
}
