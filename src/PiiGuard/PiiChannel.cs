namespace BankingLlm.PiiGuard;

/// <summary>Where a message came from. <see cref="Voice"/> turns on spoken-form normalisation of ASR text.</summary>
public enum PiiChannel
{
    Chat,
    Voice,
}

public static class PiiChannelNames
{
    /// <summary>Maps a channel name (web, mobile, api, chat, voice) to a <see cref="PiiChannel"/>; anything but voice is typed text.</summary>
    public static PiiChannel Parse(string? channel) =>
        string.Equals(channel?.Trim(), "voice", StringComparison.OrdinalIgnoreCase) ? PiiChannel.Voice : PiiChannel.Chat;
}
