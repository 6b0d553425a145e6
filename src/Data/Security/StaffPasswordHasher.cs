namespace BankingLlm.Data.Security;

/// <summary>bcrypt for staff passwords (table users). Work factor 12: about a quarter second per check.</summary>
public static class StaffPasswordHasher
{
    public const int WorkFactor = 12;

    public static string Hash(string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(password);
        if (password.Length < 12)
        {
            throw new ArgumentException("A staff password must be at least 12 characters.", nameof(password));
        }
        return BCrypt.Net.BCrypt.EnhancedHashPassword(password, WorkFactor);
    }

    public static bool Verify(string password, string hash) =>
        !string.IsNullOrEmpty(password) && !string.IsNullOrEmpty(hash) && BCrypt.Net.BCrypt.EnhancedVerify(password, hash);
}
