using System.ComponentModel;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Tools.Audit;
using BankingLlm.Tools.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;

namespace BankingLlm.Tools.Support;

/// <summary>The outcome of support.escalate_to_human.</summary>
public sealed record EscalationReceipt(string Status, string Message);

/// <summary>Plugin <c>support</c>: hand the conversation to a person.</summary>
public sealed class SupportPlugin(IDbContextFactory<BankingDbContext> contexts, ICustomerContext customer, AuditRecorder audit, TimeProvider clock)
{
    public const string PluginName = "support";

    [KernelFunction("escalate_to_human"), Description("Hands the conversation to a human agent, for requests the assistant cannot handle or when the customer asks for a person.")]
    public async Task<EscalationReceipt> EscalateToHumanAsync(
        [Description("Why the customer needs a person, briefly.")] string reason,
        CancellationToken cancellationToken = default)
    {
        var session = customer.Require();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var invocation = ToolInvocation.CurrentOrDetached(PluginName, "escalate_to_human");
        invocation.Action = AuditAction.Update;
        invocation.EntityType = "chat_session";
        invocation.EntityId = session.SessionId?.ToString() ?? "none";
        invocation.Outcome = "escalated";
        var chat = session.SessionId is { } sid
            ? await db.ChatSessions.FirstOrDefaultAsync(s => s.SessionId == sid && s.CustomerId == session.CustomerId, cancellationToken).ConfigureAwait(false)
            : null;
        if (chat is not null)
        {
            invocation.OldValues = new { resolution_type = chat.ResolutionType?.ToString().ToLowerInvariant() };
            chat.ResolutionType = ResolutionType.Escalated;
            chat.LastActivityAt = clock.GetUtcNow().UtcDateTime;
            invocation.NewValues = new { resolution_type = "escalated" };
        }
        audit.Stage(db, invocation, AuditStatus.Success);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        AuditRecorder.Committed(invocation);
        return new EscalationReceipt("escalated", "I've passed our conversation to a member of our team. They'll pick it up here shortly; you won't need to repeat yourself.");
    }
}
