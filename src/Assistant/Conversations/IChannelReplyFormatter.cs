using BankingLlm.Data.Entities;

namespace BankingLlm.Assistant.Conversations;

/// <summary>
/// Rewrites a reply (already masked for people) for one channel, e.g. the voice channel's "written for the ear"
/// form. Applied by <see cref="ConversationService"/> to every reply of a session on that channel, whichever way the
/// turn came in (hub, voice endpoint).
/// </summary>
public interface IChannelReplyFormatter
{
    ChatChannel Channel { get; }

    string Format(string reply);
}
