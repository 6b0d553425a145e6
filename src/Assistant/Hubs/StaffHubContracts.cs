using BankingLlm.Assistant.Conversations;

namespace BankingLlm.Assistant.Hubs;

/// <summary>JoinSession's answer: the session and its masked conversation so far.</summary>
public sealed record JoinSessionResponse(Guid SessionId, IReadOnlyList<HandoffMessage> History);

/// <summary>A message the server pushes to the staff member who has joined a session.</summary>
public sealed record CustomerMessageDto(Guid SessionId, int Sequence, string Text, DateTime At);

/// <summary>SendToCustomer's answer: the message as stored and as the customer sees it (masked).</summary>
public sealed record StaffMessageSent(Guid SessionId, int Sequence, string Text, DateTime At);

/// <summary>Messages the server pushes to staff connections.</summary>
public interface IStaffClient
{
    /// <summary>The customer of a joined session wrote (display-masked).</summary>
    Task CustomerMessage(CustomerMessageDto message);

    /// <summary>The customer ended a joined session.</summary>
    Task SessionEnded(Guid sessionId);
}

/// <summary>The states of <see cref="IChatClient.Handoff"/>.</summary>
public static class HandoffStates
{
    /// <summary>A member of staff joined: the customer's messages now go to them.</summary>
    public const string StaffJoined = "staff_joined";

    /// <summary>The staff member handed the conversation back to the assistant.</summary>
    public const string Assistant = "assistant";

    /// <summary>The staff member left; the session waits for another member of staff.</summary>
    public const string Waiting = "waiting";
}
