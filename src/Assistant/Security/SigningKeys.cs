using System.Security.Cryptography;
using BankingLlm.Data;
using Microsoft.IdentityModel.Tokens;

namespace BankingLlm.Assistant.Security;

/// <summary>The HS256 key that signs customer tokens: configured, or a generated development key.</summary>
public static class SigningKeys
{
    public static SymmetricSecurityKey? Resolve(AuthOptions auth, DatabaseOptions database, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(auth.SigningKey))
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(auth.SigningKey);
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException("Auth:SigningKey is not valid base64.", ex);
            }
            return bytes.Length >= 32 ? new SymmetricSecurityKey(bytes) : throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes (base64 of 32 random bytes).");
        }
        if (!string.IsNullOrWhiteSpace(auth.Authority))
        {
            return null;
        }
        if (!database.UsesPrivateCluster)
        {
            throw new InvalidOperationException("Set Auth:SigningKey (base64, 32+ bytes) or Auth:Authority: customer tokens cannot be verified without one.");
        }
        var path = Path.IsPathRooted(auth.DevelopmentSigningKeyFile) ? auth.DevelopmentSigningKeyFile : Path.Combine(contentRoot, auth.DevelopmentSigningKeyFile);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }
}
