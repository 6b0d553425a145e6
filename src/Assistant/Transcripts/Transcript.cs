using BankingLlm.Data.Entities;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>A parsed QA transcript (docs/transcripts.md): who the customer is, the turns, and what each must show.</summary>
public sealed record Transcript(string File, string Name, ChatChannel Channel, TranscriptGiven Given, IReadOnlyList<TranscriptTurn> Turns, EndExpectation? End)
{
    /// <summary>A short label for reports: the file name without folders.</summary>
    public string Label => Path.GetFileName(File);
}

/// <summary>The world a transcript starts in, created fresh for each replay.</summary>
public sealed record TranscriptGiven(GivenCustomer Customer, IReadOnlyList<GivenAccount> Accounts, IReadOnlyList<GivenTransaction> Transactions, IReadOnlyList<GivenComplianceEvent> ComplianceEvents);

public sealed record GivenCustomer(
    string FirstName,
    string LastName,
    KycStatus KycStatus,
    AmlStatus AmlStatus,
    CustomerStatus Status,
    PepStatus? PepStatus,
    RiskLevel? RiskLevel,
    string? Email,
    string? Phone,
    string? Ssn,
    string? StreetAddress,
    string? City,
    string? State,
    string? PostalCode);

public sealed record GivenAccount(
    int Line,
    AccountType Type,
    string? Nickname,
    decimal Balance,
    decimal? AvailableBalance,
    string? Number,
    AccountStatus Status,
    decimal? InterestRate,
    decimal? CreditLimit,
    bool? OverdraftProtection,
    int? OpenedDaysAgo);

public sealed record GivenTransaction(
    int Line,
    int AccountIndex,
    TransactionType Type,
    decimal Amount,
    string? Merchant,
    decimal DaysAgo,
    string? Description,
    TransactionStatus Status,
    string? MerchantCategoryCode,
    bool Cash,
    string? Counterparty);

public sealed record GivenComplianceEvent(int Line, ComplianceEventType EventType, ComplianceSeverity Severity, ComplianceStatus Status, bool SarFiled, int? AccountIndex, decimal DaysAgo, string? Description);

/// <summary>What a turn does: send words, or call the hub's ConfirmAction / CancelAction, or let the pending action expire.</summary>
public enum TurnKind { User, Confirm, Cancel, Expire }

/// <summary>One turn. <see cref="ActionRef"/> is "last" or an action id for confirm/cancel/expire.</summary>
public sealed record TranscriptTurn(int Number, int Line, TurnKind Kind, string? Text, string? ActionRef, TurnExpectation Expect)
{
    public string Describe() => Kind switch
    {
        TurnKind.User => $"user: \"{Shorten(Text ?? "")}\"",
        _ => $"{Kind.ToString().ToLowerInvariant()}: {ActionRef}",
    };

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}

/// <summary>The assertions a turn may carry (null / empty = not checked). Lines point at each key for messages.</summary>
public sealed record TurnExpectation
{
    public IReadOnlyList<string>? Tools { get; init; }
    public bool ToolsExact { get; init; }
    public bool NoTools { get; init; }
    public IReadOnlyList<string>? ForbidTools { get; init; }
    public IReadOnlyList<string>? ReplyContains { get; init; }
    public IReadOnlyList<string>? ReplyNotContains { get; init; }
    public IReadOnlyList<System.Text.RegularExpressions.Regex>? ReplyMatches { get; init; }
    public IReadOnlyList<System.Text.RegularExpressions.Regex>? ReplyNotMatches { get; init; }
    public IReadOnlyList<string>? Pii { get; init; }
    public string? Masked { get; init; }
    /// <summary>Absolute balances by account index (resolved from type or nickname at parse time).</summary>
    public IReadOnlyList<BalanceExpectation>? Balances { get; init; }
    public bool? Pending { get; init; }
    public IReadOnlyList<ComplianceEventType>? ComplianceEvents { get; init; }
    public string? Error { get; init; }
    /// <summary>The YAML line of each assertion key, for failure messages.</summary>
    public IReadOnlyDictionary<string, int> Lines { get; init; } = new Dictionary<string, int>();

    public int LineOf(string key, int fallback) => Lines.TryGetValue(key, out var line) ? line : fallback;
}

public sealed record BalanceExpectation(string Reference, int AccountIndex, decimal Amount);

/// <summary>What the session row must show once the replay has ended the session.</summary>
public sealed record EndExpectation(int Line, SessionStatus? Status, ResolutionType? Resolution, ConversationType? ConversationType, bool? ToolCallsAudited, IReadOnlyList<BalanceExpectation>? Balances, IReadOnlyList<ComplianceEventType>? ComplianceEvents);
