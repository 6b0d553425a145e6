using BankingLlm.Data.Entities;

namespace BankingLlm.Tools.Scope;

/// <summary>
/// The verified customer a turn acts for, taken by the host from the authenticated credential (never from model
/// output). <paramref name="RequestId"/> must be fresh for every customer turn: a transfer prepared in one turn can
/// only be confirmed in a later one.
/// </summary>
public sealed record CustomerSession(
    Guid CustomerId,
    Guid? SessionId,
    string RequestId,
    ChatChannel? Channel = null,
    string? ServiceAccount = null);
