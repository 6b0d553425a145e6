namespace BankingLlm.Assistant.Agent.Offline;

/// <summary>What a customer's turn asks for, as the offline model understands it.</summary>
public enum Intent
{
    Unknown,
    Greeting,
    Thanks,
    Help,
    Goodbye,
    OutOfScope,
    TalkToHuman,
    ListAccounts,
    GetBalance,
    AccountDetails,
    RecentTransactions,
    SearchTransactions,
    SpendingSummary,
    Transfer,
    ExternalTransfer,
    Confirm,
    Cancel,
    KycStatus,
    ReportFraud,
    Correction,
}
