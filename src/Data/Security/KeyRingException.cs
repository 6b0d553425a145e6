namespace BankingLlm.Data.Security;

/// <summary>A key ring that cannot be used: missing, corrupt or inconsistent keys. The message names what to fix.</summary>
public sealed class KeyRingException(string message, Exception? inner = null) : Exception(message, inner);
