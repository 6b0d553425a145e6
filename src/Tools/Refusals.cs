namespace BankingLlm.Tools;

/// <summary>
/// Customer-facing refusal texts in one place. Deliberately neutral where the reason is a compliance control:
/// telling a customer about AML status, a SAR or a screening hit is tipping-off.
/// </summary>
public static class Refusals
{
    public const string Generic = "I can't do that right now.";
    public const string NoCustomer = "I can't act on any account until you're signed in.";
    public const string AccountNotFound = "I couldn't find that account among yours.";
    public const string AccountReferenceMissing = "Which account do you mean? You can name it by type, nickname or its last four digits.";
    public const string ActionNotAvailable = "There's no transfer waiting for confirmation with that reference. It may have expired or been cancelled; I can start a new one if you like.";
    public const string ConfirmInLaterTurn = "Please review the transfer details and confirm in your next message.";
    public const string InvalidAmount = "The amount must be between $0.01 and $999,999.99, in dollars and cents.";
    public const string SameAccount = "The accounts to move money from and to must be different.";
    public const string InsufficientFunds = "There isn't enough available money in that account for this transfer.";
    public const string KycIncomplete = "Transfers are unavailable until your identity verification is complete. I can tell you what's still needed.";
    public const string ProfileRestricted = "I'm not able to complete transfers on your profile right now. Please contact customer support for help.";
    public const string NeedsReview = "This payment needs additional review before it can be sent. We'll contact you if we need anything; there's nothing else you need to do now.";
    public const string DailyLimit = "This transfer would go over your daily transfer limit.";
    public const string InvalidRoutingNumber = "That routing number doesn't look right. A US routing number has nine digits; please check it.";
    public const string InvalidBeneficiaryAccount = "That account number doesn't look right. Please check it with the recipient.";
    public const string FutureDate = "I can only make transfers for today right now; scheduled transfers aren't available here yet.";
    public const string TransactionNotFound = "I couldn't find that transaction among yours.";

    public static string AccountNotActive(string display) => $"Your {display} isn't active, so I can't use it for this.";
    public static string CannotSendFrom(string display) => $"Money can't be sent from your {display} here.";
    public static string CannotReceive(string display) => $"Your {display} can't receive transfers.";
    public static string Ambiguous(IEnumerable<string> options) =>
        $"More than one of your accounts matches that: {string.Join(", ", options)}. Which one do you mean?";
}
