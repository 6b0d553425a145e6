namespace BankingLlm.Data.Entities;

// PostgreSQL enum types. Labels are the C# names in snake_case (Npgsql's default translator):
// MoneyMarket <-> 'money_market'. The type names are listed in BankingDbContext.EnumTypeNames.

public enum KycStatus { Pending, Approved, Rejected, Expired }

public enum AmlStatus { Clear, Flagged, Blocked }

public enum PepStatus { Clear, Match, Rejected }

public enum RiskLevel { Low, Medium, High, Critical }

public enum IdDocumentType { Passport, DriversLicense, NationalId }

public enum CustomerStatus { Active, Inactive, Suspended, Closed }

public enum CustomerSegment { Retail, Sme, Corporate }

public enum AccountType { Checking, Savings, MoneyMarket, CreditCard, Loan, Investment }

public enum OwnershipType { Individual, Joint, Trust, Business }

public enum AccountStatus { Active, Closed, Suspended, Dormant }

public enum TransactionType { Debit, Credit, Transfer, Payment, Withdrawal, Deposit, Fee, Interest }

public enum TransactionStatus { Pending, Completed, Failed, Reversed, Scheduled }

public enum AuditAction { Create, Read, Update, Delete, Approve, Reject, Export, Verify }

public enum AuditStatus { Success, Failure }

public enum PiiSourceType { Transaction, Chat, Document, ApiCall }

public enum PiiType { Ssn, CreditCard, BankAccount, Phone, Email, Address, Passport, DriversLicense, AccountNumber }

public enum PiiAction { Masked, Encrypted, Flagged, Allowed, Rejected }

public enum SessionStatus { Active, Completed, Abandoned, Flagged }

public enum ConversationType { AccountInquiry, TransactionRequest, Complaint, FraudReport, KycVerification, GeneralInquiry }

public enum ResolutionType { Resolved, Escalated, Incomplete, NoAction }

public enum ChatChannel { Web, Mobile, Api, Voice }

public enum ComplianceEventType { KycVerification, AmlScreening, SuspiciousActivity, TransactionMonitoring, SanctionsHit, PepMatch, PolicyViolation }

public enum ComplianceSeverity { Low, Medium, High, Critical }

public enum ComplianceStatus { Open, UnderReview, Resolved, Escalated }

public enum ApiKeyStatus { Active, Revoked, Expired }

// Extensions (not in the seed; see docs/data-model.md).

public enum StaffRole { Agent, Supervisor, ComplianceOfficer, Auditor, Admin }

public enum ChatMessageRole { User, Assistant, Tool, System, Staff }

public enum PendingActionStatus { Pending, Executed, Cancelled, Expired, Held, Failed }
