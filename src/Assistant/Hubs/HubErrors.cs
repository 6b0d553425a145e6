using Microsoft.AspNetCore.SignalR;

namespace BankingLlm.Assistant.Hubs;

/// <summary>
/// The bracketed error codes of HUB.md. A client never sees a stack trace or an internal message. SignalR prefixes
/// what reaches the client ("An unexpected error occurred invoking 'SendMessage' on the server. HubException: "),
/// so clients take the code from the first [bracketed] word: <see cref="CodeOf"/>.
/// </summary>
public static partial class HubErrors
{
    /// <summary>The error code in a client-side HubException message, e.g. "message_too_large"; null if none.</summary>
    public static string? CodeOf(string? message) => message is not null && Code().Match(message) is { Success: true } m ? m.Groups["code"].Value : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"\[(?<code>[a-z_]+)\]", System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial System.Text.RegularExpressions.Regex Code();

    public static HubException Error(string code, string message) => new($"[{code}] {message}");

    public static HubException InvalidArgument(string message) => Error("invalid_argument", message);

    public static HubException Unauthorized() => Error("unauthorized", "Sign in again.");

    public static HubException MessageTooLarge(int max) => Error("message_too_large", $"Messages are limited to {max} characters.");

    public static HubException RateLimited() => Error("rate_limited", "Too many requests; try again shortly.");

    public static HubException Internal() => Error("internal_error", "Something went wrong on our side; nothing was changed. Please try again.");
}
