namespace BankingLlm.Data;

/// <summary>The database could not be reached or refused us. The message names the server, never the password.</summary>
public sealed class DatabaseUnavailableException(string connectionString, Exception inner)
    : Exception($"Cannot use the database at {DatabaseConnection.Describe(connectionString)}: {inner.Message.Trim()}. Check that PostgreSQL is running and ConnectionStrings__Banking is right (or unset it to use the private cluster).", inner);
