using System.Security.Cryptography;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Assistant.Security;

/// <summary>A staff token, or why there is none.</summary>
public sealed record StaffSignInResult(string? Token, DateTime? ExpiresAt, StaffRole? Role, string? Error)
{
    public static StaffSignInResult Refused(string error) => new(null, null, null, error);
}

/// <summary>
/// Staff sign-in: the username is the staff member's email (users.email), the password is checked against the bcrypt
/// hash (users.password_hash). An unknown user, an inactive one and a wrong password are answered alike and take the
/// same bcrypt time, so the answer does not tell which. On success users.last_login_at is set.
/// </summary>
public sealed class StaffSignIn(IDbContextFactory<BankingDbContext> contexts, StaffTokenIssuer tokens, TimeProvider clock)
{
    public const string InvalidCredentials = "invalid_credentials";

    // Checked when there is no such user, so an unknown name costs as much as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => StaffPasswordHasher.Hash(RandomNumberGenerator.GetHexString(32)));

    public async Task<StaffSignInResult> SignInAsync(string? username, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password) || username.Length > 255 || password.Length > 200)
        {
            return StaffSignInResult.Refused(InvalidCredentials);
        }
        var email = username.Trim();
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, ct).ConfigureAwait(false);
        var valid = StaffPasswordHasher.Verify(password, user?.PasswordHash ?? DummyHash.Value);
        if (user is null || !valid || !user.IsActive)
        {
            return StaffSignInResult.Refused(InvalidCredentials);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        user.LastLoginAt = now;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new StaffSignInResult(tokens.Issue(user.UserId, user.Role), now + tokens.Lifetime, user.Role, null);
    }
}
