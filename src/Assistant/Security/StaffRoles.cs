using BankingLlm.Data.Entities;

namespace BankingLlm.Assistant.Security;

/// <summary>
/// Which staff roles (users.role) may take over an escalated conversation: the contact-centre roles, agent and
/// supervisor. Compliance officers, auditors and admins sign in for other tools and are refused by the staff hub.
/// </summary>
public static class StaffRoles
{
    public static readonly IReadOnlyList<StaffRole> MayHandle = [StaffRole.Agent, StaffRole.Supervisor];

    /// <summary>The claim value of a role: agent, supervisor, compliance_officer, auditor, admin.</summary>
    public static string ToWire(StaffRole role) => role switch
    {
        StaffRole.Agent => "agent",
        StaffRole.Supervisor => "supervisor",
        StaffRole.ComplianceOfficer => "compliance_officer",
        StaffRole.Auditor => "auditor",
        StaffRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
