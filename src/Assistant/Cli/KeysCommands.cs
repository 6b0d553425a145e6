using System.CommandLine;
using BankingLlm.Data.Security;

namespace BankingLlm.Assistant.Cli;

/// <summary>`keys rotate`, `keys reencrypt` and `keys status`.</summary>
public static class KeysCommands
{
    public static Command Create()
    {
        var keys = new Command("keys", "Encryption keys (rotate, reencrypt) and partner API keys (create, list, revoke).");

        var withHash = new Option<bool>("--hash-key") { Description = "Also rotate the HMAC key of ssn_hash (rows are re-hashed by `keys reencrypt`)." };
        var rotate = new Command("rotate", "Add a new data key version and make it active; old versions stay for decryption. Then run `keys reencrypt`.") { withHash };
        rotate.SetAction((result, ct) => CliErrors.RunAsync(() =>
        {
            var provider = StandaloneKeyRing();
            var ring = provider.Rotate(result.GetValue(withHash));
            Console.WriteLine($"Active data key is now version {ring.ActiveDataKey.Version}; hash key version {ring.ActiveHashKey.Version}. Run `keys reencrypt` to move existing rows.");
            return Task.FromResult(0);
        }));

        var batch = new Option<int>("--batch-size") { Description = "Rows per transaction.", DefaultValueFactory = _ => 500 };
        var maxBatches = new Option<int?>("--max-batches") { Description = "Stop after this many batches (the job is resumable)." };
        var reencrypt = new Command("reencrypt", "Re-encrypt SSNs under the active data key and re-hash under the active hash key, in batches; safe to stop and run again.") { batch, maxBatches };
        reencrypt.SetAction((result, ct) => CliErrors.RunAsync(async () =>
        {
            if (result.GetValue(batch) < 1)
            {
                await Console.Error.WriteLineAsync("error: --batch-size must be at least 1.");
                return 1;
            }
            using var host = await CliHost.BuildAsync(ct);
            var progress = await host.Services.GetRequiredService<SsnReencryptionJob>().RunAsync(result.GetValue(batch), result.GetValue(maxBatches), ct);
            Console.WriteLine($"Re-encrypted {progress.Reencrypted} row(s); {progress.Remaining} remaining.");
            await host.StopAsync(ct);
            return 0;
        }));

        var status = new Command("status", "Key versions with their age and rotation due dates, and how many rows are on each version (SSN envelopes, SSN hashes, PII vaults).");
        status.SetAction((_, ct) => CliErrors.RunAsync(async () =>
        {
            using var host = await CliHost.BuildAsync(ct);
            KeyStatusPrinter.Print(host.Services.GetRequiredService<KeyRingProvider>(), await host.Services.GetRequiredService<SsnReencryptionJob>().UsageAsync(ct), TimeProvider.System.GetUtcNow());
            await host.StopAsync(ct);
            return 0;
        }));

        keys.Subcommands.Add(rotate);
        keys.Subcommands.Add(reencrypt);
        keys.Subcommands.Add(status);
        ApiKeyCommands.AddTo(keys);
        return keys;
    }

    /// <summary>Rotation touches only the key file, so it needs no database.</summary>
    private static KeyRingProvider StandaloneKeyRing()
    {
        var builder = Host.CreateApplicationBuilder();
        var options = new KeyRingOptions();
        builder.Configuration.GetSection(KeyRingOptions.SectionName).Bind(options);
        var provider = new KeyRingProvider(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);
        _ = provider.Current;
        return provider;
    }
}
