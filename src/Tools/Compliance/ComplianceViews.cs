namespace BankingLlm.Tools.Compliance;

/// <summary>The customer's own identity-verification state. Never AML, SAR or screening information.</summary>
public sealed record KycStatusView(string Status, DateOnly? VerifiedOn, DateOnly? IdDocumentExpires, IReadOnlyList<string> StillNeeded, string Message);

/// <summary>The outcome of compliance.report_fraud.</summary>
public sealed record FraudReportReceipt(string Reference, string Status, string Message, Guid? SuspendActionId, string? SuspendSummary);

/// <summary>The outcome of compliance.confirm_account_suspension.</summary>
public sealed record SuspensionReceipt(string Account, string Status, string Message);
