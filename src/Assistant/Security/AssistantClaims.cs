using System.Security.Claims;

namespace BankingLlm.Assistant.Security;

/// <summary>The claims the hub relies on, whatever the credential.</summary>
public static class AssistantClaims
{
    /// <summary>The verified customer the connection acts for.</summary>
    public const string CustomerId = "customer_id";

    /// <summary>Set for API-key callers: the key's id.</summary>
    public const string ApiKeyId = "api_key_id";

    public const string Scope = "scope";

    /// <summary>The scope a partner key needs to act for the customer named in X-Customer-Id.</summary>
    public const string ActForCustomerScope = "chat:act_for_customer";

    public const string CustomerPolicy = "customer";

    /// <summary>Staff tokens (StaffTokenIssuer): the staff member's user id (users.user_id).</summary>
    public const string StaffId = "staff_id";

    /// <summary>Staff tokens: the staff member's role, in its wire form (agent, supervisor, ...).</summary>
    public const string StaffRole = "staff_role";

    /// <summary>Staff who may join escalated sessions (<see cref="StaffRoles.MayHandle"/>).</summary>
    public const string StaffHandoffPolicy = "staff-handoff";

    public static Guid? CustomerOf(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirst(CustomerId)?.Value, out var id) ? id : null;

    public static Guid? StaffOf(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirst(StaffId)?.Value, out var id) ? id : null;
}
