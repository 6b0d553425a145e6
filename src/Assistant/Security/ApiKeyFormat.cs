using System.Security.Cryptography;
using System.Text;

namespace BankingLlm.Assistant.Security;

/// <summary>
/// API keys look like <c>bllm_ab12cd34_&lt;32 random characters&gt;</c>. Only the SHA-256 of the whole key is stored,
/// plus the non-secret prefix <c>bllm_ab12cd34</c> so operators can tell keys apart in logs and listings.
/// </summary>
public static class ApiKeyFormat
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string LowerAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static (string Key, string Prefix, string Hash) Generate()
    {
        var id = RandomNumberGenerator.GetString(LowerAlphabet, 8);
        var secret = RandomNumberGenerator.GetString(Alphabet, 32);
        var prefix = $"bllm_{id}";
        var key = $"{prefix}_{secret}";
        return (key, prefix, Hash(key));
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool LooksValid(string? key) => key is { Length: > 20 and < 200 } && key.StartsWith("bllm_", StringComparison.Ordinal);
}
