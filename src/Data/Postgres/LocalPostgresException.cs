namespace BankingLlm.Data.Postgres;

/// <summary>The private cluster could not be found, created or started. The message says what to fix.</summary>
public sealed class LocalPostgresException(string message, Exception? inner = null) : Exception(message, inner);
