namespace BankingLlm.Tools.Transactions;

/// <summary>A posting as the model sees it: account and counterparty accounts by last four only.</summary>
public sealed record TransactionView(
    Guid Id, string Account, DateTime Date, string Type, string Direction, decimal Amount, string Status,
    string? Description, string? Merchant, string? Category, string? Counterparty, string? Reference);

public sealed record TransactionPage(IReadOnlyList<TransactionView> Transactions, string? NextCursor);

public sealed record SpendingGroup(string Name, decimal Total, int Count);

public sealed record SpendingSummary(DateOnly From, DateOnly To, string GroupBy, decimal Total, int Count, IReadOnlyList<SpendingGroup> Groups);
