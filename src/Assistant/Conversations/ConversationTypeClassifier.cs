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

    /// <summary>Keeps the more serious of the session's type so far and this turn's.</summary>
    public static ConversationType? Combine(ConversationType? current, ConversationType? turn) =>
        turn is null ? current : current is null ? turn : Rank(turn.Value) > Rank(current.Value) ? turn : current;

    /// <summary>Every type from least to most serious (the order <see cref="Combine"/> keeps; the turn's SQL update uses it too).</summary>
    public static ConversationType[] BySeriousness() => [.. Seriousness];

    private static readonly ConversationType[] Seriousness =
    [
        ConversationType.GeneralInquiry,
        ConversationType.AccountInquiry,
        ConversationType.KycVerification,
        ConversationType.TransactionRequest,
        ConversationType.Complaint,
        ConversationType.FraudReport,
    ];

    private static int Rank(ConversationType type) => Array.IndexOf(Seriousness, type);

    private static bool IsComplaint(string text)
    {
        var norm = TextNormalizer.Normalize(text);
        return norm.Contains(" complain", StringComparison.Ordinal) || norm.Contains(" unacceptable ", StringComparison.Ordinal)
            || norm.Contains(" terrible ", StringComparison.Ordinal) || norm.Contains(" awful ", StringComparison.Ordinal)
            || norm.Contains(" disappointed ", StringComparison.Ordinal) || norm.Contains(" worst ", StringComparison.Ordinal);
    }
}
