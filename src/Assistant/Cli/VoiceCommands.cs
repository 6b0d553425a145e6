using System.CommandLine;
using BankingLlm.Assistant.Conversations;
using BankingLlm.Assistant.Voice;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Data.Seeding;
using BankingLlm.Tools;

namespace BankingLlm.Assistant.Cli;

/// <summary>
/// `voice [INPUT.wav] [--say "phrase"]... [--customer ID] [--out REPLY.wav]`: one voice session in-process. Each
/// utterance (the WAV, then each --say phrase synthesised with the configured text-to-speech) is transcribed and
/// run as a turn; the masked transcript and the reply are printed, and the last reply's audio is written to --out.
/// </summary>
public static class VoiceCommands
{
    public static Command Create()
    {
        var input = new Argument<FileInfo?>("INPUT.wav") { Description = "A WAV utterance (16-bit PCM; any rate 8-48 kHz, mono or stereo).", Arity = ArgumentArity.ZeroOrOne };
        var say = new Option<string[]>("--say") { Description = "A phrase spoken with espeak-ng and sent as an utterance; repeat for several turns (e.g. a transfer, then \"yes go ahead\").", AllowMultipleArgumentsPerToken = false };
        var customer = new Option<Guid>("--customer") { Description = "The customer (default: the demo customer).", DefaultValueFactory = _ => DemoSeeder.DemoCustomerId };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the last reply's audio (WAV)." };
        var voice = new Command("voice", "Run voice turns from a WAV file or phrases synthesised with espeak-ng; prints the masked transcript and the reply.") { input, say, customer, output };
        voice.SetAction((result, ct) => CliErrors.RunAsync(async () =>
        {
            var file = result.GetValue(input);
            var phrases = result.GetValue(say) ?? [];
            if (file is null && phrases.Length == 0)
            {
                await Console.Error.WriteLineAsync("error: give INPUT.wav or --say \"phrase\".");
                return CliErrors.InvalidInput;
            }
            if (file is { Exists: false })
            {
                await Console.Error.WriteLineAsync($"error: {file.FullName} does not exist.");
                return CliErrors.InvalidInput;
            }

            // The whole turn path (data, guard, tools, agent, voice) without the web server; the verb prints its own
            // result, so only warnings and errors come from the host.
            using var host = await CliHost.BuildAsync(ct, builder =>
            {
                builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
                builder.AddPiiGuard();
                builder.AddBankingTools();
                builder.AddAssistantAgent();
                builder.AddVoice();
            });
            try
            {
                return await RunAsync(host, file, phrases, result.GetValue(customer), result.GetValue(output), ct);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }));
        return voice;
    }

    private static async Task<int> RunAsync(IHost host, FileInfo? file, string[] phrases, Guid customer, FileInfo? output, CancellationToken ct)
    {
        await host.Services.GetRequiredService<DatabaseStartup>().EnsureReadyAsync(ct);
        var turns = host.Services.GetRequiredService<VoiceTurnService>();
        var speech = host.Services.GetRequiredService<ITextToSpeech>();
        var session = await host.Services.GetRequiredService<ConversationService>().StartSessionAsync(customer, ChatChannel.Voice, "cli", "en-US", ct);

        var utterances = new List<(string Label, Func<Task<byte[]>> Audio)>();
        if (file is not null)
        {
            utterances.Add((file.Name, () => File.ReadAllBytesAsync(file.FullName, ct)));
        }
        utterances.AddRange(phrases.Select(p => ($"say \"{p}\"", (Func<Task<byte[]>>)(() => speech.SynthesizeAsync(p, ct)))));

        VoiceTurnResult? last = null;
        foreach (var (label, audio) in utterances)
        {
            try
            {
                var bytes = await audio();
                last = await turns.RunAudioTurnAsync(customer, session.SessionId, turns.Decode(bytes, "audio/wav"), ct);
            }
            catch (VoiceInputException ex)
            {
                await Console.Error.WriteLineAsync($"error: {label}: [{ex.Code}] {ex.Message}");
                return CliErrors.InvalidInput;
            }
            Console.WriteLine($"> {label}");
            Console.WriteLine($"  heard:   {(last.Transcript.Length == 0 ? "(nothing)" : last.Transcript)}");
            Console.WriteLine($"  reply:   {last.Reply}");
            Console.WriteLine($"  outcome: {last.Outcome}{(last.Tools.Count > 0 ? "; tools: " + string.Join(", ", last.Tools) : "")}{(last.PiiTypes.Count > 0 ? "; masked: " + string.Join(", ", last.PiiTypes) : "")}");
        }
        if (output is { } target && last?.Audio is { } wav)
        {
            await File.WriteAllBytesAsync(target.FullName, wav, ct);
            Console.WriteLine($"reply audio: {target.FullName} ({wav.Length:N0} bytes)");
        }
        return 0;
    }
}
