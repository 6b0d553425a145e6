namespace BankingLlm.Data.Entities;

/// <summary>
/// A staff member (table <c>users</c>). The seed gives only user_id, email, role, department and created_at;
/// the rest (name, bcrypt password hash, active flag, last login) is documented in docs/data-model.md.
/// </summary>
public sealed class User
{
    public Guid UserId { get; set; }
    public required string Email { get; set; }
    public required string FullName { get; set; }
    public StaffRole Role { get; set; }
    public string? Department { get; set; }
    /// <summary>bcrypt hash (work factor 12); see <see cref="Security.StaffPasswordHasher"/>.</summary>
    public required string PasswordHash { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime? LastLoginAt { get; set; }
    public DateTime? CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
}
