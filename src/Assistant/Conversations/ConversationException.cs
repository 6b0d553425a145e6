namespace BankingLlm.Assistant.Conversations;

/// <summary>
/// A turn or session request refused with a stable code (session_not_found, invalid_argument, message_too_large,
/// session_ended). The message is safe for the client: no ids of other customers, no internals.
/// </summary>
public sealed class ConversationException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static ConversationException SessionNotFound() => new("session_not_found", "No such session.");

    public static ConversationException InvalidArgument(string message) => new("invalid_argument", message);
}
