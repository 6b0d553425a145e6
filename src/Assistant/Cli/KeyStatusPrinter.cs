using System.Globalization;
using BankingLlm.Data.Security;

namespace BankingLlm.Assistant.Cli;

/// <summary>The `keys status` table: versions, ages, due flags and row counts; never key material.</summary>
public static class KeyStatusPrinter
{
    public static void Print(KeyRingProvider keys, SsnReencryptionJob.KeyUsage usage, DateTimeOffset now)
    {
        var ring = keys.Current;
        var (dataDays, hashDays) = keys.Lifetimes;
        Console.WriteLine($"Keys from {(keys.UsesConfiguredKeys ? "configuration (rotate in the secret store)" : "the key file")}; data keys rotate every {dataDays} days, the ssn_hash key every {hashDays} days.");
        Console.WriteLine($"{"kind",-6}{"version",8}  {"created",-12}{"age (days)",11}  {"active",-7}{"rows",10}");
        foreach (var k in ring.DataKeys.OrderBy(k => k.Version))
        {
            var rows = usage.SsnByDataKey.GetValueOrDefault(k.Version) + usage.VaultByDataKey.GetValueOrDefault(k.Version);
            Console.WriteLine(Row("data", k, k.Version == ring.ActiveDataKey.Version, rows, now));
        }
        foreach (var k in ring.HashKeys.OrderBy(k => k.Version))
        {
            Console.WriteLine(Row("hash", k, k.Version == ring.ActiveHashKey.Version, usage.SsnByHashKey.GetValueOrDefault(k.Version), now));
        }
        var staleSsn = usage.SsnByDataKey.Where(p => p.Key != ring.ActiveDataKey.Version).Sum(p => p.Value);
        var staleHash = usage.SsnByHashKey.Where(p => p.Key != ring.ActiveHashKey.Version).Sum(p => p.Value);
        var staleVault = usage.VaultByDataKey.Where(p => p.Key != ring.ActiveDataKey.Version).Sum(p => p.Value);
        Console.WriteLine($"Data key rotation due: {(keys.IsRotationDue() ? "yes" : "no")}; hash key rotation due: {(keys.IsHashRotationDue() ? "yes" : "no")}.");
        Console.WriteLine($"SSNs to re-encrypt: {staleSsn}; to re-hash: {staleHash}; anonymised (no SSN): {usage.SsnErased}; PII vaults on older data keys: {staleVault} (they expire with their sessions).");
    }

    private static string Row(string kind, VersionedKey key, bool active, long rows, DateTimeOffset now)
    {
        var known = key.CreatedAt > DateTimeOffset.MinValue;
        var created = known ? key.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "unknown";
        var age = known ? ((int)(now - key.CreatedAt).TotalDays).ToString(CultureInfo.InvariantCulture) : "-";
        return $"{kind,-6}{key.Version,8}  {created,-12}{age,11}  {(active ? "yes" : ""),-7}{rows,10}";
    }
}
