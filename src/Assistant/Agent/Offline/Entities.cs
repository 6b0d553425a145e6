namespace BankingLlm.Assistant.Agent.Offline;

/// <summary>How a customer named an account: by type, nickname, last four digits, or a vault placeholder.</summary>
public sealed record AccountMention(string Reference, int Position);

/// <summary>A date range the customer gave ("last week", "in March", "since Monday"), inclusive, in UTC dates.</summary>
public sealed record DateRange(DateOnly From, DateOnly To);

/// <summary>Everything the offline model pulled out of one turn.</summary>
public sealed record TurnEntities(
    decimal? Amount,
    IReadOnlyList<AccountMention> Accounts,
    string? FromAccount,
    string? ToAccount,
    DateRange? Dates,
    int? Days,
    int? Count,
    decimal? MinAmount,
    decimal? MaxAmount,
    string? Merchant,
    IReadOnlyList<string> Placeholders);
