using BankingLlm.Assistant.Agent;
using BankingLlm.Assistant.Conversations;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.PiiGuard;
using BankingLlm.Tools.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;

namespace BankingLlm.Assistant.Tests.Agent.Filters;

/// <summary>
/// What a tricked or compromised model could try, played directly against the per-turn kernel: every attempt is
/// refused by the filters and leaves exactly one audit row.
/// </summary>
public sealed class AgentFilterTests(AssistantFixture app) : IClassFixture<AssistantFixture>
{
    private async Task<(AgentTurn Turn, Kernel Kernel, Account Checking, Guid Session)> TurnAsync(Guid? confirmed = null, Guid? customerId = null, Guid? sessionId = null)
    {
        Guid customer;
        Account checking;
        if (customerId is null)
        {
            var created = await app.NewCustomerAsync();
            customer = created.Customer.CustomerId;
            checking = created.Checking;
        }
        else
        {
            customer = customerId.Value;
            await using var db = await app.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
            checking = await db.Accounts.FirstAsync(a => a.CustomerId == customer && a.AccountType == AccountType.Checking);
        }
        var session = sessionId ?? (await app.Get<ConversationService>().StartSessionAsync(customer, ChatChannel.Api)).SessionId;
        var turn = new AgentTurn
        {
            Customer = new CustomerSession(customer, session, Guid.NewGuid().ToString("N"), ChatChannel.Api),
            Vault = await app.Get<IPiiGuard>().GetVaultAsync(session.ToString()),
            ConfirmedActionId = confirmed,
        };
        return (turn, app.Get<AgentKernelFactory>().Create(turn), checking, session);
    }

    private async Task<List<AuditLog>> AuditAsync(Guid session)
    {
        await using var db = await app.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        return await db.AuditLogs.Where(a => a.SessionId == session).OrderBy(a => a.SequenceNo).ToListAsync();
    }

    private static async Task<object?> InvokeAsync(AgentTurn turn, Kernel kernel, string plugin, string function, KernelArguments args)
    {
        using (CustomerScope.Begin(turn.Customer))
        {
            return (await kernel.InvokeAsync(plugin, function, args)).GetValue<object>();
        }
    }

    [Fact]
    public async Task A_forged_customer_id_argument_is_refused_and_audited()
    {
        var (victim, _, _) = await app.NewCustomerAsync();
        var (turn, kernel, _, session) = await TurnAsync();
        var result = await InvokeAsync(turn, kernel, "accounts", "list_accounts", new KernelArguments { ["customer_id"] = victim.CustomerId.ToString() });
        Assert.Contains("refused", result?.ToString(), StringComparison.Ordinal);
        var audit = Assert.Single(await AuditAsync(session));
        Assert.Equal(AuditStatus.Failure, audit.Status);
        Assert.Contains("customer", audit.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(turn.Customer.CustomerId, audit.CustomerId);
    }

    [Fact]
    public async Task A_placeholder_this_session_never_issued_is_refused_and_audited()
    {
        var (turn, kernel, _, session) = await TurnAsync();
        var result = await InvokeAsync(turn, kernel, "accounts", "get_balance", new KernelArguments { ["account"] = "[ACCOUNT_NUMBER_7]" });
        Assert.Contains("refused", result?.ToString(), StringComparison.Ordinal);
        Assert.Single(await AuditAsync(session), a => a.Status == AuditStatus.Failure);
    }

    [Fact]
    public async Task Money_moves_only_for_the_action_the_customer_confirmed_in_this_turn()
    {
        var (prepareTurn, prepareKernel, checking, session) = await TurnAsync();
        var prepared = await InvokeAsync(prepareTurn, prepareKernel, "transfers", "prepare_transfer",
            new KernelArguments { ["from_account"] = "checking", ["to_account"] = "savings", ["amount"] = 75m });
        var json = Assert.IsType<string>(prepared);
        var actionId = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("action_id").GetGuid();

        // The model asks to confirm, but the customer said nothing of the kind this turn.
        var (noConfirm, noConfirmKernel, _, _) = await TurnAsync(customerId: prepareTurn.Customer.CustomerId, sessionId: session);
        var refused = await InvokeAsync(noConfirm, noConfirmKernel, "transfers", "confirm_transfer", new KernelArguments { ["action_id"] = actionId.ToString() });
        Assert.Contains("confirmation_required", refused?.ToString(), StringComparison.Ordinal);
        Assert.Equal(1250m, await app.BalanceAsync(checking.AccountId));

        // Confirmed for another action id: still refused.
        var (wrong, wrongKernel, _, _) = await TurnAsync(confirmed: Guid.NewGuid(), customerId: prepareTurn.Customer.CustomerId, sessionId: session);
        Assert.Contains("confirmation_required", (await InvokeAsync(wrong, wrongKernel, "transfers", "confirm_transfer", new KernelArguments { ["action_id"] = actionId.ToString() }))?.ToString(), StringComparison.Ordinal);

        // The customer confirmed this action: it executes.
        var (yes, yesKernel, _, _) = await TurnAsync(confirmed: actionId, customerId: prepareTurn.Customer.CustomerId, sessionId: session);
        var receipt = await InvokeAsync(yes, yesKernel, "transfers", "confirm_transfer", new KernelArguments { ["action_id"] = actionId.ToString() });
        Assert.DoesNotContain("refused", receipt?.ToString(), StringComparison.Ordinal);
        Assert.Equal(1175m, await app.BalanceAsync(checking.AccountId));

        // One audit row per invocation: prepare, two refusals, the confirm.
        Assert.Equal(4, (await AuditAsync(session)).Count);
    }

    [Fact]
    public async Task Tool_results_reach_the_model_as_json_with_pii_replaced_by_placeholders()
    {
        var (turn, kernel, _, _) = await TurnAsync();
        var result = await InvokeAsync(turn, kernel, "accounts", "list_accounts", []);
        var json = Assert.IsType<string>(result);
        Assert.StartsWith("{", json, StringComparison.Ordinal);
        Assert.Contains("\"accounts\"", json, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d{12,}", json);
    }

}
