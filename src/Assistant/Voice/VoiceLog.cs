namespace BankingLlm.Assistant.Voice;

/// <summary>Voice channel log messages: ids, counts and durations, never audio, transcripts or replies.</summary>
internal static partial class VoiceLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "{Count} domain words have no pronunciation and are left out of the language model: {Words}")]
    public static partial void WordsWithoutPronunciation(ILogger logger, int count, string words);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Domain language model built from {Sentences} sentences, {Words} words, in {Folder}")]
    public static partial void LanguageModelBuilt(ILogger logger, int sentences, int words, string folder);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "Voice turn in session {SessionId}: {Outcome}, audio {AudioMs} ms, recognition {SttMs} ms, turn {TurnMs} ms, synthesis {TtsMs} ms")]
    public static partial void TurnCompleted(ILogger logger, Guid sessionId, string outcome, long audioMs, long sttMs, long turnMs, long ttsMs);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Information, Message = "Voice turn in session {SessionId} interrupted by barge-in")]
    public static partial void BargedIn(ILogger logger, Guid sessionId);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Warning, Message = "Voice input refused: {Code}")]
    public static partial void InputRefused(ILogger logger, string code);

    [LoggerMessage(EventId = 8006, Level = LogLevel.Error, Message = "Speech service failed ({Kind})")]
    public static partial void SpeechFailed(ILogger logger, string kind, Exception exception);
}
