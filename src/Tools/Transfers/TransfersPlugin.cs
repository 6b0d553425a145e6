using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace BankingLlm.Tools.Transfers;

/// <summary>
/// Plugin <c>transfers</c>: money movement in two steps. prepare_* validates and returns a pending action with a
/// summary; confirm_transfer executes it once, and only in a later customer turn after the customer said yes.
/// </summary>
public sealed class TransfersPlugin(TransferService transfers)
{
    public const string PluginName = "transfers";

    /// <summary>Functions that move money: the agent's confirmation gate must let them run only for an action the customer confirmed.</summary>
    public static readonly IReadOnlySet<string> MoneyMovingFunctions = new HashSet<string>(StringComparer.Ordinal) { "confirm_transfer" };

    [KernelFunction("prepare_transfer"), Description("Prepares a transfer between two of the customer's own accounts. Checks amount, accounts, funds and limits, and returns a pending action with a summary the customer must confirm in their next message. Moves no money.")]
    public Task<PendingActionView> PrepareTransferAsync(
        [Description("Account to take the money from: type, nickname, last four digits or an account-number placeholder.")] string from_account,
        [Description("Account to put the money into: type, nickname, last four digits or an account-number placeholder.")] string to_account,
        [Description("Amount in US dollars, e.g. 250.00 (0.01 to 999,999.99).")] decimal amount,
        [Description("Optional memo shown on both accounts.")] string? memo = null,
        [Description("Optional date, yyyy-MM-dd; only today is supported.")] string? date = null,
        CancellationToken cancellationToken = default) =>
        transfers.PrepareInternalAsync(from_account, to_account, amount, memo, date, cancellationToken);

    [KernelFunction("confirm_transfer"), Description("Executes a prepared transfer. Call only after the customer explicitly confirmed the summary in a later message. Safe to repeat: an action is executed at most once.")]
    public Task<TransferReceipt> ConfirmTransferAsync(
        [Description("The action_id returned by prepare_transfer or prepare_external_transfer.")] string action_id,
        CancellationToken cancellationToken = default) =>
        transfers.ConfirmAsync(action_id, cancellationToken);

    [KernelFunction("cancel_transfer"), Description("Cancels a prepared transfer that has not been executed.")]
    public Task<CancellationResult> CancelTransferAsync(
        [Description("The action_id of the prepared transfer.")] string action_id,
        CancellationToken cancellationToken = default) =>
        transfers.CancelAsync(action_id, cancellationToken);

    [KernelFunction("prepare_external_transfer"), Description("Prepares a payment to someone else's account at another US bank. Checks the routing number, amount, funds and limits, and returns a pending action the customer must confirm in their next message. Moves no money.")]
    public Task<PendingActionView> PrepareExternalTransferAsync(
        [Description("The customer's account to pay from: type, nickname, last four digits or an account-number placeholder.")] string from_account,
        [Description("The recipient's full name as on their account.")] string beneficiary_name,
        [Description("The recipient bank's nine-digit ABA routing number.")] string routing_number,
        [Description("The recipient's account number (or its placeholder).")] string account_number,
        [Description("Amount in US dollars (0.01 to 999,999.99).")] decimal amount,
        CancellationToken cancellationToken = default) =>
        transfers.PrepareExternalAsync(from_account, beneficiary_name, routing_number, account_number, amount, cancellationToken);
}
