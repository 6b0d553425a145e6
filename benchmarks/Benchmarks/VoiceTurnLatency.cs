using System.Diagnostics;
using System.Globalization;
using BankingLlm.Assistant.Conversations;
using BankingLlm.Assistant.Voice;
using BankingLlm.Data.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BankingLlm.Benchmarks;

/// <summary>
/// `voice-latency [--turns N]`: audio in -> audio out of a voice turn with the offline stack (WAV decode, speech
/// activity, pocketsphinx with the domain model, guard, offline model, tools on PostgreSQL, ear formatting,
/// espeak-ng), p50/p95 over N turns of read-only questions synthesised beforehand.
/// </summary>
public static class VoiceTurnLatency
{
    private static readonly string[] Questions =
    [
        "what is the balance of my checking account", "how much money do i have in savings", "show me my accounts",
        "what accounts do i have", "show me my recent transactions", "what is the interest rate on my savings account",
        "repeat that", "how much is in my checking account",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var turns = args.Length >= 2 && args[0] == "--turns" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 80;
        await using var host = await ToolsBenchmarkHost.StartAsync(builder =>
        {
            builder.Configuration["Voice:Offline:ModelCacheDirectory"] = Path.Combine(Path.GetTempPath(), "bankingllm-voice-bench");
            builder.AddPiiGuard();
            builder.AddAssistantAgent();
            builder.AddVoice();
        });
        var voice = host.Services.GetRequiredService<VoiceTurnService>();
        var tts = host.Services.GetRequiredService<ITextToSpeech>();
        var session = await host.Services.GetRequiredService<ConversationService>().StartSessionAsync(host.CustomerId, ChatChannel.Voice);
        var audio = new List<byte[]>();
        foreach (var question in Questions)
        {
            audio.Add(await tts.SynthesizeAsync(question, CancellationToken.None));
        }
        for (var i = 0; i < 5; i++)
        {
            await voice.RunAudioTurnAsync(host.CustomerId, session.SessionId, voice.Decode(audio[i % audio.Count], "audio/wav"), CancellationToken.None);
        }

        var total = new double[turns];
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < turns; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await voice.RunAudioTurnAsync(host.CustomerId, session.SessionId, voice.Decode(audio[i % audio.Count], "audio/wav"), CancellationToken.None);
            total[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (result.Audio is null || result.Audio.Length < 1000)
            {
                throw new InvalidOperationException("A turn returned no reply audio.");
            }
            outcomes[result.Outcome] = outcomes.GetValueOrDefault(result.Outcome) + 1;
        }
        Array.Sort(total);
        Console.WriteLine($"voice turn, audio in -> audio out, {turns} turns ({string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))}): " +
            $"p50 {BenchmarkDatabase.Percentile(total, 50):F0} ms, p95 {BenchmarkDatabase.Percentile(total, 95):F0} ms, max {total[^1]:F0} ms; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        return 0;
    }
}
