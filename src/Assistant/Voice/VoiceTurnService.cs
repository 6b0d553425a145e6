using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using BankingLlm.Assistant.Conversations;
using BankingLlm.Assistant.Voice.Audio;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.PiiGuard;
using BankingLlm.PiiGuard.Output;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Voice;

/// <summary>
/// The voice channel's turn: audio -> (speech?) -> speech-to-text -> the ordinary conversation turn (guard with
/// spoken-form detection, agent, tools, audit; the reply is written for the ear by <see cref="VoiceReplyFormatter"/>)
/// -> text-to-speech. Voice behaviour on top: no speech or nothing recognised is answered "I didn't catch that"
/// without a model call; "repeat that" replays the session's last reply without a model call; a new utterance or a
/// barge-in signal for the session stops the previous turn's recognition and synthesis (a turn already running in
/// the conversation service completes, so its state stays consistent, but its audio is dropped).
/// </summary>
public sealed partial class VoiceTurnService(
    ConversationService conversations,
    ISpeechToText speechToText,
    ITextToSpeech textToSpeech,
    IPiiGuard guard,
    IDbContextFactory<BankingDbContext> contexts,
    VoiceReplyFormatter formatter,
    IOptions<VoiceOptions> options,
    ILogger<VoiceTurnService> logger)
{
    public const string NoInputReply = "Sorry, I didn't catch that. Could you say it again?";
    public const string NothingToRepeatReply = "I haven't said anything yet. How can I help?";

    private readonly ConcurrentDictionary<(Guid Customer, Guid Session), CancellationTokenSource> _speaking = new();

    /// <summary>Decodes an upload: WAV, or raw 16-bit PCM for <c>audio/L16;rate=N</c> / <c>audio/pcm;rate=N</c>; refuses audio over Voice:MaxAudioSeconds.</summary>
    public PcmAudio Decode(byte[] bytes, string? contentType)
    {
        PcmAudio audio;
        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is "audio/l16" or "audio/pcm" && !WavCodec.LooksLikeWav(bytes))
        {
            var rate = RateParameter().Match(contentType!) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 16000;
            audio = WavCodec.ReadRawPcm16(bytes, rate);
        }
        else
        {
            audio = WavCodec.Read(bytes);
        }
        if (audio.Duration > TimeSpan.FromSeconds(options.Value.MaxAudioSeconds))
        {
            throw new VoiceInputException("audio_too_long", $"The audio lasts {audio.Duration.TotalSeconds:0} s; one utterance may last at most {options.Value.MaxAudioSeconds} s (Voice:MaxAudioSeconds).");
        }
        return audio;
    }

    /// <summary>(a) The audio path: a caller's utterance in a voice session.</summary>
    public async Task<VoiceTurnResult> RunAudioTurnAsync(Guid customerId, Guid sessionId, PcmAudio audio, CancellationToken ct)
    {
        await RequireVoiceSessionAsync(customerId, sessionId, ct).ConfigureAwait(false);
        using var speaking = BeginSpeaking(customerId, sessionId);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, speaking.Token);
        var started = Stopwatch.GetTimestamp();
        string heard;
        try
        {
            heard = SpeechActivity.HasSpeech(audio) ? (await speechToText.TranscribeAsync(audio, linked.Token).ConfigureAwait(false)).Text.Trim() : "";
        }
        catch (OperationCanceledException) when (speaking.Token.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            VoiceLog.BargedIn(logger, sessionId);
            return new VoiceTurnResult(VoiceOutcomes.Interrupted, "", "", null, [], null, []);
        }
        var sttMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return await RespondAsync(customerId, sessionId, heard, speaking, linked.Token, (long)audio.Duration.TotalMilliseconds, sttMs, ct).ConfigureAwait(false);
    }

    /// <summary>(b) The transcript path with voice behaviour: a gateway that did its own speech recognition.</summary>
    public async Task<VoiceTurnResult> RunTranscriptTurnAsync(Guid customerId, Guid sessionId, string transcript, CancellationToken ct)
    {
        await RequireVoiceSessionAsync(customerId, sessionId, ct).ConfigureAwait(false);
        using var speaking = BeginSpeaking(customerId, sessionId);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, speaking.Token);
        return await RespondAsync(customerId, sessionId, transcript.Trim(), speaking, linked.Token, 0, 0, ct).ConfigureAwait(false);
    }

    /// <summary>The caller spoke over the reply: stop the session's recognition or synthesis in progress. False when nothing was in progress.</summary>
    public bool BargeIn(Guid customerId, Guid sessionId)
    {
        if (_speaking.TryGetValue((customerId, sessionId), out var speaking))
        {
            Speaking.Cancel(speaking);
            return true;
        }
        return false;
    }

    private async Task<VoiceTurnResult> RespondAsync(Guid customerId, Guid sessionId, string heard, Speaking speaking, CancellationToken speechToken, long audioMs, long sttMs, CancellationToken ct)
    {
        var turnStarted = Stopwatch.GetTimestamp();
        string outcome, transcript, reply;
        IReadOnlyList<string> tools = [], piiTypes = [];
        PendingActionInfo? pending = null;
        if (heard.Length == 0)
        {
            (outcome, transcript, reply) = (VoiceOutcomes.NoInput, "", NoInputReply);
        }
        else if (IsRepeatRequest(heard))
        {
            (outcome, transcript, reply) = (VoiceOutcomes.Repeated, heard, await LastReplyAsync(sessionId, ct).ConfigureAwait(false) ?? NothingToRepeatReply);
        }
        else
        {
            if (heard.Length > 4000)
            {
                throw new VoiceInputException("invalid_audio", "The transcript is too long for one turn.");
            }
            var result = await conversations.RunTurnAsync(new TurnRequest(customerId, sessionId, heard, RequestId: "voice:" + Guid.NewGuid().ToString("N")), ct).ConfigureAwait(false);
            (outcome, transcript, reply, tools, pending, piiTypes) = (VoiceOutcomes.Replied, result.MaskedText, result.Reply, result.Tools, result.PendingAction, result.PiiTypes);
        }
        var turnMs = (long)Stopwatch.GetElapsedTime(turnStarted).TotalMilliseconds;

        var ttsStarted = Stopwatch.GetTimestamp();
        byte[]? audio;
        try
        {
            audio = await textToSpeech.SynthesizeAsync(reply, speechToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (speaking.Token.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            VoiceLog.BargedIn(logger, sessionId);
            return new VoiceTurnResult(VoiceOutcomes.Interrupted, transcript, reply, null, tools, pending, piiTypes);
        }
        VoiceLog.TurnCompleted(logger, sessionId, outcome, audioMs, sttMs, turnMs, (long)Stopwatch.GetElapsedTime(ttsStarted).TotalMilliseconds);
        return new VoiceTurnResult(outcome, transcript, reply, audio, tools, pending, piiTypes);
    }

    /// <summary>"repeat that", "can you say that again", "what did you say", "pardon", "come again"...</summary>
    public static bool IsRepeatRequest(string text) => RepeatRequest().IsMatch(text.ToLowerInvariant().Trim(' ', '.', '?', '!'));

    /// <summary>The session's last assistant reply, masked for people and written for the ear (no model call).</summary>
    private async Task<string?> LastReplyAsync(Guid sessionId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var last = await db.ChatMessages.AsNoTracking()
            .Where(m => m.SessionId == sessionId && m.Role == ChatMessageRole.Assistant && m.MaskedText != "")
            .OrderByDescending(m => m.Sequence).Select(m => m.MaskedText).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (last is null)
        {
            return null;
        }
        var vault = await guard.GetVaultAsync(sessionId.ToString(), ct).ConfigureAwait(false);
        return formatter.Format(guard.MaskOutput(last, vault, OutputMaskStyle.DisplayMask));
    }

    private async Task RequireVoiceSessionAsync(Guid customerId, Guid sessionId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var channel = await db.ChatSessions.AsNoTracking().Where(s => s.SessionId == sessionId && s.CustomerId == customerId)
            .Select(s => (ChatChannel?)s.Channel).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        if (channel is null)
        {
            throw ConversationException.SessionNotFound();
        }
        if (channel != ChatChannel.Voice)
        {
            throw ConversationException.InvalidArgument("This session is not on the voice channel; start one with channel voice.");
        }
    }

    /// <summary>Registers this turn as the session's current speech; the previous one, if any, is cancelled (barge-in).</summary>
    private Speaking BeginSpeaking(Guid customerId, Guid sessionId)
    {
        var source = new CancellationTokenSource();
        _speaking.AddOrUpdate((customerId, sessionId), source, (_, previous) =>
        {
            Speaking.Cancel(previous);
            return source;
        });
        return new Speaking(_speaking, (customerId, sessionId), source);
    }

    private sealed class Speaking(ConcurrentDictionary<(Guid, Guid), CancellationTokenSource> registry, (Guid, Guid) key, CancellationTokenSource source) : IDisposable
    {
        public CancellationToken Token => source.Token;

        public static void Cancel(CancellationTokenSource source)
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // that turn has just finished: nothing left to stop
            }
        }

        public void Dispose()
        {
            registry.TryRemove(new KeyValuePair<(Guid, Guid), CancellationTokenSource>(key, source));
            source.Dispose();
        }
    }

    [GeneratedRegex(@"^(?:(?:sorry|please|can you|could you|would you|um|uh|okay|ok)\s+)*(?:repeat(?: that| it| please| that please)?|say (?:that|it) again(?: please)?|what did you (?:just )?say|what was that|come again|pardon(?: me)?|i didn't (?:catch|hear) (?:that|you))$")]
    private static partial Regex RepeatRequest();

    [GeneratedRegex(@"rate=(\d{4,6})", RegexOptions.IgnoreCase)]
    private static partial Regex RateParameter();
}
