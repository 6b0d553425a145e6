using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BankingLlm.Assistant.Conversations;
using BankingLlm.Assistant.Hubs;
using BankingLlm.Assistant.Voice;
using BankingLlm.Assistant.Voice.Audio;
using BankingLlm.Assistant.Tests.Hubs;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.PiiGuard;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Tests.Voice;

/// <summary>
/// The voice channel end to end on the real app: espeak-ng speaks, pocketsphinx with the domain language model
/// recognises, the turn runs through guard, offline model, tools (audited) and PostgreSQL, espeak-ng answers.
/// </summary>
public sealed class VoiceChannelTests(HubFixture app) : IClassFixture<HubFixture>
{
    private sealed record StartedBody(Guid SessionId);

    private sealed record ErrorBody(string Error, string Message);

    private async Task<(Guid Customer, Guid Checking, Guid Savings, HttpClient Http, Guid Session)> StartAsync()
    {
        var (customer, checking, savings) = await app.NewCustomerAsync();
        var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.TokenFor(customer));
        var started = await http.PostAsync(VoiceEndpoints.Prefix, null);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var session = (await started.Content.ReadFromJsonAsync<StartedBody>())!.SessionId;
        return (customer, checking, savings, http, session);
    }

    private Task<byte[]> SpeakAsync(string text) => app.Services.GetRequiredService<ITextToSpeech>().SynthesizeAsync(text, default);

    private static async Task<HttpResponseMessage> PostAudioAsync(HttpClient http, Guid session, byte[] audio, string contentType = "audio/wav")
    {
        var content = new ByteArrayContent(audio);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await http.PostAsync($"{VoiceEndpoints.Prefix}/{session}/turns", content);
    }

    private static async Task<VoiceEndpoints.TurnResponse> TurnAsync(HttpClient http, Guid session, byte[] audio)
    {
        var response = await PostAudioAsync(http, session, audio);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<VoiceEndpoints.TurnResponse>())!;
    }

    private static async Task<VoiceEndpoints.TurnResponse> SayTextAsync(HttpClient http, Guid session, string text)
    {
        var response = await http.PostAsJsonAsync($"{VoiceEndpoints.Prefix}/{session}/turns", new { text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<VoiceEndpoints.TurnResponse>())!;
    }

    private static PcmAudio ValidWav(string? base64)
    {
        Assert.NotNull(base64);
        var audio = WavCodec.Read(Convert.FromBase64String(base64));
        Assert.True(audio.Samples.Length > audio.SampleRate / 4, "reply audio shorter than 250 ms");
        Assert.Contains(audio.Samples, s => Math.Abs((int)s) > 1000);
        return audio;
    }

    [Fact]
    public async Task Spoken_balance_question_and_transfer_with_spoken_confirmation_call_the_right_tools()
    {
        var (_, checking, savings, http, session) = await StartAsync();

        var balance = await TurnAsync(http, session, await SpeakAsync("what is the balance of my checking account"));
        Assert.Equal(VoiceOutcomes.Replied, balance.Outcome);
        Assert.True(balance.Tools.SequenceEqual(["accounts.get_balance"]), $"heard '{balance.Transcript}', tools: {string.Join(", ", balance.Tools)}");
        Assert.Contains("one thousand two hundred fifty dollars", balance.Reply, StringComparison.Ordinal);
        Assert.DoesNotContain("$", balance.Reply, StringComparison.Ordinal);
        ValidWav(balance.Audio);

        var prepare = await TurnAsync(http, session, await SpeakAsync("transfer two hundred dollars from checking to savings"));
        Assert.True(prepare.Tools.SequenceEqual(["transfers.prepare_transfer"]), $"heard '{prepare.Transcript}', tools: {string.Join(", ", prepare.Tools)}");
        Assert.NotNull(prepare.PendingAction);
        Assert.Contains("Say yes", prepare.Reply, StringComparison.Ordinal);
        ValidWav(prepare.Audio);

        var confirm = await TurnAsync(http, session, await SpeakAsync("yes go ahead"));
        Assert.Equal("yes go ahead", confirm.Transcript);
        Assert.Equal(["transfers.confirm_transfer"], confirm.Tools);
        Assert.Null(confirm.PendingAction);
        ValidWav(confirm.Audio);

        var balances = await app.QueryAsync(db => db.Accounts.Where(a => a.AccountId == checking || a.AccountId == savings).ToDictionaryAsync(a => a.AccountId, a => a.Balance));
        Assert.Equal(1050m, balances[checking]);
        Assert.Equal(5200m, balances[savings]);

        var audited = await app.QueryAsync(db => db.AuditLogs.Where(a => a.SessionId == session).OrderBy(a => a.SequenceNo).Select(a => a.ChangesSummary).ToListAsync());
        var toolCalls = audited.Select(a => System.Text.Json.JsonDocument.Parse(a ?? "{}").RootElement)
            .Where(e => e.TryGetProperty("tool", out _)).ToList();
        Assert.Equal(["accounts.get_balance", "transfers.prepare_transfer", "transfers.confirm_transfer"], toolCalls.Select(e => e.GetProperty("tool").GetString()));
        Assert.All(toolCalls, e => Assert.Equal("Voice", e.GetProperty("channel").GetString()));
        var channel = await app.QueryAsync(db => db.ChatSessions.Where(s => s.SessionId == session).Select(s => s.Channel).SingleAsync());
        Assert.Equal(ChatChannel.Voice, channel);
    }

    [Fact]
    public async Task Repeat_that_replays_the_last_reply_without_a_model_call()
    {
        var (_, _, _, http, session) = await StartAsync();
        var first = await SayTextAsync(http, session, "how much is in my savings account");
        Assert.Equal(["accounts.get_balance"], first.Tools);
        var stored = await app.QueryAsync(db => db.ChatMessages.CountAsync(m => m.SessionId == session));

        var again = await SayTextAsync(http, session, "sorry can you repeat that");

        Assert.Equal(VoiceOutcomes.Repeated, again.Outcome);
        Assert.Equal(first.Reply, again.Reply);
        Assert.Empty(again.Tools);
        ValidWav(again.Audio);
        Assert.Equal(stored, await app.QueryAsync(db => db.ChatMessages.CountAsync(m => m.SessionId == session)));

        var (_, _, _, http2, fresh) = await StartAsync();
        Assert.Equal(VoiceTurnService.NothingToRepeatReply, (await SayTextAsync(http2, fresh, "repeat that")).Reply);
    }

    [Fact]
    public async Task Silence_and_noise_get_i_did_not_catch_that_and_store_nothing()
    {
        var (_, _, _, http, session) = await StartAsync();
        var random = new Random(7);
        foreach (var audio in new[]
                 {
                     new PcmAudio(new short[16000], 16000),
                     new PcmAudio([.. Enumerable.Range(0, 8000).Select(_ => (short)random.Next(-50, 50))], 8000),
                 })
        {
            var reply = await TurnAsync(http, session, WavCodec.Write(audio));
            Assert.Equal(VoiceOutcomes.NoInput, reply.Outcome);
            Assert.Equal(VoiceTurnService.NoInputReply, reply.Reply);
            Assert.Equal("", reply.Transcript);
            ValidWav(reply.Audio);
        }
        Assert.Equal(0, await app.QueryAsync(db => db.ChatMessages.CountAsync(m => m.SessionId == session)));
    }

    [Fact]
    public async Task Bad_audio_gets_a_clear_error_and_the_session_keeps_working()
    {
        var (_, _, _, http, session) = await StartAsync();
        var options = app.Services.GetRequiredService<IOptions<VoiceOptions>>().Value;

        async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status, string code)
        {
            Assert.Equal(status, response.StatusCode);
            var error = (await response.Content.ReadFromJsonAsync<ErrorBody>())!;
            Assert.Equal(code, error.Error);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }

        await ExpectAsync(await PostAudioAsync(http, session, []), HttpStatusCode.BadRequest, "empty_audio");
        await ExpectAsync(await PostAudioAsync(http, session, "this is not audio at all"u8.ToArray()), HttpStatusCode.UnsupportedMediaType, "invalid_audio");
        await ExpectAsync(await PostAudioAsync(http, session, AudioTests.Wav(1, 1, 96000, 16, new byte[960])), HttpStatusCode.UnsupportedMediaType, "unsupported_audio");

        // Ten minutes at 16 kHz (19 MB) is over Voice:MaxAudioBytes: refused by its length, before it is read.
        var tenMinutes = WavCodec.Write(new PcmAudio(new short[16000 * 600], 16000));
        Assert.True(tenMinutes.Length > options.MaxAudioBytes);
        await ExpectAsync(await PostAudioAsync(http, session, tenMinutes), HttpStatusCode.RequestEntityTooLarge, "audio_too_large");
        // Five minutes of 8 kHz 8-bit audio fits in the byte limit but not in Voice:MaxAudioSeconds.
        await ExpectAsync(await PostAudioAsync(http, session, AudioTests.Wav(1, 1, 8000, 8, new byte[8000 * 300])), HttpStatusCode.RequestEntityTooLarge, "audio_too_long");

        // Another sample rate and layout (44.1 kHz stereo) is converted, not refused.
        var spoken = WavCodec.Read(await SpeakAsync("what accounts do i have"));
        var resampled = Resampler.To(spoken, 44100);
        var stereo = new byte[resampled.Samples.Length * 4];
        for (var i = 0; i < resampled.Samples.Length; i++)
        {
            BitConverter.GetBytes(resampled.Samples[i]).CopyTo(stereo, i * 4);
            BitConverter.GetBytes(resampled.Samples[i]).CopyTo(stereo, (i * 4) + 2);
        }
        var converted = await TurnAsync(http, session, AudioTests.Wav(1, 2, 44100, 16, stereo));
        Assert.Equal(VoiceOutcomes.Replied, converted.Outcome);
        Assert.Equal(["accounts.list_accounts"], converted.Tools);

        // Raw PCM with its rate in the content type.
        var raw = new byte[spoken.Samples.Length * 2];
        Buffer.BlockCopy(spoken.Samples, 0, raw, 0, raw.Length);
        var pcm = await PostAudioAsync(http, session, raw, $"audio/L16; rate={spoken.SampleRate}");
        Assert.Equal(HttpStatusCode.OK, pcm.StatusCode);
    }

    [Fact]
    public async Task Voice_endpoints_need_a_credential_and_the_customers_own_voice_session()
    {
        var (_, _, _, http, session) = await StartAsync();
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(VoiceEndpoints.Prefix, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAudioAsync(anonymous, session, [1, 2, 3])).StatusCode);

        var (_, _, _, other, _) = await StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"{VoiceEndpoints.Prefix}/{session}/turns", new { text = "what is my balance" })).StatusCode);

        // A partner gateway with an API key acts for the customer it names.
        var customer = await app.QueryAsync(db => db.ChatSessions.Where(s => s.SessionId == session).Select(s => s.CustomerId).SingleAsync());
        using var gateway = new HttpClient { BaseAddress = app.BaseAddress };
        gateway.DefaultRequestHeaders.Add("X-Api-Key", await app.CreateApiKeyAsync(["chat:act_for_customer"]));
        gateway.DefaultRequestHeaders.Add("X-Customer-Id", customer.ToString());
        Assert.Equal(HttpStatusCode.OK, (await gateway.PostAsJsonAsync($"{VoiceEndpoints.Prefix}/{session}/turns", new { text = "what is my balance" })).StatusCode);

        // A web session is not a voice session.
        var web = await app.Services.GetRequiredService<ConversationService>().StartSessionAsync(customer, ChatChannel.Web);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync($"{VoiceEndpoints.Prefix}/{web.SessionId}/turns", new { text = "hi" })).StatusCode);
    }

    [Fact]
    public async Task A_gateway_key_over_its_limit_or_revoked_is_refused_and_nothing_runs()
    {
        var (customer, _, _, _, session) = await StartAsync();
        using var gateway = new HttpClient { BaseAddress = app.BaseAddress };
        var key = await app.CreateApiKeyAsync(["chat:act_for_customer"], perMinute: 2);
        gateway.DefaultRequestHeaders.Add("X-Api-Key", key);
        gateway.DefaultRequestHeaders.Add("X-Customer-Id", customer.ToString());
        Task<HttpResponseMessage> Say() => gateway.PostAsJsonAsync($"{VoiceEndpoints.Prefix}/{session}/turns", new { text = "what is my balance" });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await Say()).StatusCode);
        }

        // At most two per minute (a minute boundary inside the loop can let two more through, never all four).
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        var refused = await Say();
        if (refused.StatusCode == HttpStatusCode.TooManyRequests)
        {
            Assert.Equal("rate_limited", (await refused.Content.ReadFromJsonAsync<ErrorBody>())!.Error);
        }
        var messages = await app.QueryAsync(db => db.ChatMessages.CountAsync(m => m.SessionId == session && m.Role == ChatMessageRole.User));
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.OK) + (refused.StatusCode == HttpStatusCode.OK ? 1 : 0), messages);
    }

    [Fact]
    public async Task Transcript_path_over_the_hub_masks_spoken_pii_and_answers_for_the_ear()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        await using var hub = app.Connect(token: app.TokenFor(customer));
        await hub.StartAsync();
        var session = (await hub.InvokeAsync<StartSessionResponse>("StartSession", new StartSessionRequest("voice", "gateway"))).SessionId;

        async Task<ChatChunk> SendAsync(string text)
        {
            ChatChunk? final = null;
            await foreach (var chunk in hub.StreamAsync<ChatChunk>("SendMessage", session, text))
            {
                final = chunk.Kind == "final" ? chunk : final;
            }
            return final!;
        }

        var balance = await SendAsync("what is the balance of my checking account");
        Assert.Contains("one thousand two hundred fifty dollars", balance.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("$", balance.Text, StringComparison.Ordinal);

        await SendAsync("my social security number is one two three four five six seven eight nine");
        await SendAsync("you can call me at four one five five five five oh one three two");
        await SendAsync("my card number is four two four two four two four two four two four two four two four two");

        var stored = await app.QueryAsync(db => db.ChatMessages.Where(m => m.SessionId == session && m.Role == ChatMessageRole.User).OrderBy(m => m.Sequence).Select(m => m.MaskedText).ToListAsync());
        Assert.Contains(stored, t => t.Contains("[SSN_1]", StringComparison.Ordinal));
        Assert.Contains(stored, t => t.Contains("[PHONE_1]", StringComparison.Ordinal));
        Assert.Contains(stored, t => t.Contains("[CREDIT_CARD_1]", StringComparison.Ordinal));
        Assert.DoesNotContain(stored, t => t.Contains("five six seven eight nine", StringComparison.Ordinal) || t.Contains("oh one three two", StringComparison.Ordinal) || t.Contains("four two four two four two", StringComparison.Ordinal));
        var messageIds = await app.QueryAsync(db => db.ChatMessages.Where(m => m.SessionId == session).Select(m => m.MessageId.ToString()).ToListAsync());
        var detected = await app.QueryAsync(db => db.PiiDetectionResults.Where(p => messageIds.Contains(p.SourceId!)).Select(p => p.PiiType).ToListAsync());
        Assert.Contains(Data.Entities.PiiType.Ssn, detected);
        Assert.Contains(Data.Entities.PiiType.Phone, detected);
        Assert.Contains(Data.Entities.PiiType.CreditCard, detected);
    }

    [Fact]
    public async Task Barge_in_stops_the_reply_being_synthesised_and_the_turn_stays_stored()
    {
        var (customer, _, _) = await app.NewCustomerAsync();
        var conversations = app.Services.GetRequiredService<ConversationService>();
        var session = (await conversations.StartSessionAsync(customer, ChatChannel.Voice)).SessionId;
        var speaker = new BlockingSpeaker();
        var voice = new VoiceTurnService(conversations, app.Services.GetRequiredService<ISpeechToText>(), speaker,
            app.Services.GetRequiredService<IPiiGuard>(), app.Services.GetRequiredService<IDbContextFactory<BankingDbContext>>(),
            app.Services.GetRequiredService<VoiceReplyFormatter>(), app.Services.GetRequiredService<IOptions<VoiceOptions>>(), NullLogger<VoiceTurnService>.Instance);

        Assert.False(voice.BargeIn(customer, session));                 // nothing in progress
        var turn = voice.RunTranscriptTurnAsync(customer, session, "what is the balance of my savings account", default);
        await speaker.Started.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.False(voice.BargeIn(Guid.NewGuid(), session));           // another customer cannot stop it
        Assert.True(voice.BargeIn(customer, session));

        var result = await turn;
        Assert.Equal(VoiceOutcomes.Interrupted, result.Outcome);
        Assert.Null(result.Audio);
        Assert.Equal(["accounts.get_balance"], result.Tools);
        Assert.Equal(2, await app.QueryAsync(db => db.ChatMessages.CountAsync(m => m.SessionId == session && (m.Role == ChatMessageRole.User || m.Role == ChatMessageRole.Assistant) && m.MaskedText != "")));
    }

    /// <summary>A text-to-speech stand-in that speaks until it is interrupted.</summary>
    private sealed class BlockingSpeaker : ITextToSpeech
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<byte[]> SynthesizeAsync(string text, CancellationToken ct)
        {
            Started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return [];
        }
    }
}
