using BankingLlm.Assistant.Agent.Offline;
using BankingLlm.Data.Entities;

namespace BankingLlm.Assistant.Conversations;

/// <summary>
/// The seed's conversation_type of a session, from what its turns asked for: the most serious request wins
/// (fraud over a transfer over an inquiry), so a session that reported fraud stays a fraud report.
/// </summary>
public static class ConversationTypeClassifier
{
    public static ConversationType? FromIntent(Intent intent, string maskedText) => intent switch
    {
        Intent.ReportFraud => ConversationType.FraudReport,
        Intent.Transfer or Intent.ExternalTransfer or Intent.Confirm or Intent.Cancel => ConversationType.TransactionRequest,
        Intent.KycStatus => ConversationType.KycVerification,
        Intent.ListAccounts or Intent.GetBalance or Intent.AccountDetails or Intent.RecentTransactions or Intent.SearchTransactions or Intent.SpendingSummary => ConversationType.AccountInquiry,
        _ when IsComplaint(maskedText) => ConversationType.Complaint,
        Intent.Unknown => null,
        _ => ConversationType.GeneralInquiry,
    };

    public static ConversationType? FromTools(IEnumerable<string> tools)
    {
        var list = tools.ToList();
        return list.Any(t => t.StartsWith("compliance.report_fraud", StringComparison.Ordinal)) ? ConversationType.FraudReport
            : list.Any(t => t.StartsWith("transfers.", StringComparison.Ordinal)) ? ConversationType.TransactionRequest
            : list.Any(t => t == "compliance.get_kyc_status") ? ConversationType.KycVerification
            : list.Any(t => t.StartsWith("accounts.", StringComparison.Ordinal) || t.StartsWith("transactions.", StringComparison.Ordinal)) ? ConversationType.AccountInquiry
            : null;
    }

    /// <summary>
    /// Every type from least to most serious: a session keeps the more serious of its type so far and a turn's (the
    /// turn's SQL update compares them in this order, TurnStore).
    /// </summary>
    public static ConversationType[] BySeriousness() =>
    [
        ConversationType.GeneralInquiry,
        ConversationType.AccountInquiry,
        ConversationType.KycVerification,
        ConversationType.TransactionRequest,
        ConversationType.Complaint,
        ConversationType.FraudReport,
    ];

    private static bool IsComplaint(string text)
    {
        var norm = TextNormalizer.Normalize(text);
        return norm.Contains(" complain", StringComparison.Ordinal) || norm.Contains(" unacceptable ", StringComparison.Ordinal)
            || norm.Contains(" terrible ", StringComparison.Ordinal) || norm.Contains(" awful ", StringComparison.Ordinal)
            || norm.Contains(" disappointed ", StringComparison.Ordinal) || norm.Contains(" worst ", StringComparison.Ordinal);
    }
}
