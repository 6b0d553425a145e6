using System.CommandLine;
using BankingLlm.Assistant.Security;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Assistant.Cli;

/// <summary>`keys create|list|revoke`: partner API keys in api_keys (only their SHA-256 hash is stored).</summary>
public static class ApiKeyCommands
{
    public static void AddTo(Command keys)
    {
        var name = new Option<string>("--name") { Description = "What the key is for, e.g. \"voice gateway\".", Required = true };
        var scopes = new Option<string[]>("--scopes") { Description = $"Scopes, e.g. {AssistantClaims.ActForCustomerScope}.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [AssistantClaims.ActForCustomerScope] };
        var perMinute = new Option<int>("--per-minute") { Description = "Requests per minute.", DefaultValueFactory = _ => 100 };
        var perHour = new Option<int>("--per-hour") { Description = "Requests per hour.", DefaultValueFactory = _ => 5000 };
        var perDay = new Option<int>("--per-day") { Description = "Requests per day.", DefaultValueFactory = _ => 50000 };
        var expiresDays = new Option<int?>("--expires-days") { Description = "Days until the key expires (default: never)." };
        var organization = new Option<Guid?>("--organization") { Description = "Owning organisation id (default: a new one)." };
        var create = new Command("create", "Create a partner API key. The key is printed once; only its hash is stored.") { name, scopes, perMinute, perHour, perDay, expiresDays, organization };
        create.SetAction((result, ct) => CliErrors.RunAsync(async () =>
        {
            if (result.GetValue(perMinute) < 1 || result.GetValue(perHour) < 1 || result.GetValue(perDay) < 1 || result.GetValue(expiresDays) is < 1)
            {
                await Console.Error.WriteLineAsync("error: limits and --expires-days must be positive.");
                return 1;
            }
            using var host = await CliHost.BuildAsync(ct);
            var (key, prefix, hash) = ApiKeyFormat.Generate();
            var now = DateTime.UtcNow;
            await using (var db = await host.Services.GetRequiredService<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync(ct))
            {
                db.ApiKeys.Add(new ApiKey
                {
                    KeyId = Guid.CreateVersion7(),
                    KeyHash = hash,
                    KeyPrefix = prefix,
                    OrganizationId = result.GetValue(organization) ?? Guid.CreateVersion7(),
                    Scopes = result.GetValue(scopes) ?? [],
                    Status = ApiKeyStatus.Active,
                    RequestsPerMinute = result.GetValue(perMinute),
                    RequestsPerHour = result.GetValue(perHour),
                    RequestsPerDay = result.GetValue(perDay),
                    CreatedAt = now,
                    ExpiresAt = result.GetValue(expiresDays) is { } days ? now.AddDays(days) : null,
                    Name = result.GetValue(name),
                });
                await db.SaveChangesAsync(ct);
            }
            Console.WriteLine(key);
            await Console.Error.WriteLineAsync($"Created {prefix}. Store the key now: it cannot be shown again.");
            await host.StopAsync(ct);
            return 0;
        }));

        var list = new Command("list", "List API keys (prefix, name, status, scopes, usage); never the keys.");
        list.SetAction((_, ct) => CliErrors.RunAsync(async () =>
        {
            using var host = await CliHost.BuildAsync(ct);
            await using var db = await host.Services.GetRequiredService<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync(ct);
            foreach (var k in await db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(ct))
            {
                Console.WriteLine($"{k.KeyPrefix,-14} {k.Status?.ToString().ToLowerInvariant(),-8} {k.Name} scopes={string.Join(',', k.Scopes)} requests={k.TotalRequests ?? 0} last_used={k.LastUsedAt:u} expires={k.ExpiresAt:u}");
            }
            await host.StopAsync(ct);
            return 0;
        }));

        var which = new Argument<string>("prefix") { Description = "The key's prefix (bllm_xxxxxxxx) or id." };
        var revoke = new Command("revoke", "Revoke an API key; connections using it lose access at their next call.") { which };
        revoke.SetAction((result, ct) => CliErrors.RunAsync(async () =>
        {
            using var host = await CliHost.BuildAsync(ct);
            var target = result.GetValue(which)!;
            await using var db = await host.Services.GetRequiredService<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync(ct);
            var id = Guid.TryParse(target, out var g) ? g : (Guid?)null;
            var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.KeyPrefix == target || k.KeyId == id, ct);
            if (key is null)
            {
                await Console.Error.WriteLineAsync($"error: no API key '{target}'.");
                return 4;
            }
            key.Status = ApiKeyStatus.Revoked;
            key.RevokedAt = DateTime.UtcNow;
            await db.SaveChangesAsync(ct);
            Console.WriteLine($"Revoked {key.KeyPrefix}.");
            await host.StopAsync(ct);
            return 0;
        }));

        keys.Subcommands.Add(create);
        keys.Subcommands.Add(list);
        keys.Subcommands.Add(revoke);
    }
}
