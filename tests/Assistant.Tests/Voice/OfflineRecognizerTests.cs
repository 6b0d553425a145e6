using BankingLlm.Assistant.Voice;
using BankingLlm.Assistant.Voice.Audio;
using BankingLlm.Assistant.Voice.Offline;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Tests.Voice;

/// <summary>The offline recogniser's own parts: its input preparation and the resident libpocketsphinx decoders.</summary>
public sealed class OfflineRecognizerTests
{
    [Fact]
    public void Input_is_resampled_padded_with_silence_and_dithered_the_same_way_every_time()
    {
        var speech = Enumerable.Range(0, 22_050).Select(i => (short)(i % 2 == 0 ? 8000 : short.MaxValue)).ToArray();
        var audio = new PcmAudio(speech, 22_050);

        var samples = RecognizerInput.Prepare(audio);

        var pad = (int)(RecognizerInput.Padding.TotalSeconds * RecognizerInput.SampleRate);
        var resampled = Resampler.To(audio, RecognizerInput.SampleRate).Samples;
        Assert.Equal(resampled.Length + (2 * pad), samples.Length);
        Assert.Equal(samples, RecognizerInput.Prepare(audio));
        // Padding: silence plus a one-bit dither on about a quarter of the samples.
        var leading = samples[..pad];
        Assert.All(leading, s => Assert.InRange(s, (short)0, (short)1));
        Assert.InRange(leading.Count(s => s == 1), pad / 5, pad / 3);
        Assert.All(samples[^pad..], s => Assert.InRange(s, (short)0, (short)1));
        // Speech: unchanged but for the dither, which never overflows a full-scale sample.
        for (var i = 0; i < resampled.Length; i++)
        {
            Assert.InRange(samples[pad + i] - resampled[i], 0, 1);
        }
    }

    [Fact]
    public void Decoder_refuses_unknown_flags_and_missing_models_with_a_clear_error()
    {
        var flags = Assert.Throws<SpeechServiceException>(() => PocketSphinxDecoder.Create(["-no_such_flag", "1"]));
        Assert.Contains("Voice:Offline:DecoderArguments", flags.Message, StringComparison.Ordinal);
        var model = Assert.Throws<SpeechServiceException>(() => PocketSphinxDecoder.Create(["-hmm", "/nonexistent/en-us"]));
        Assert.Contains("Voice:Offline:AcousticModelDirectory", model.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resident_decoder_gives_the_same_transcript_whatever_it_decoded_before_and_queues_callers_beyond_the_limit()
    {
        var options = Options.Create(new VoiceOptions());
        options.Value.Offline.Decoders = 1;
        options.Value.Offline.ModelCacheDirectory = Path.Combine(Path.GetTempPath(), "bankingllm-voice-tests");
        var store = new DomainModelStore(options, new TestEnvironment(), NullLogger<DomainModelStore>.Instance);
        using var stt = new PocketSphinxSpeechToText(store, options);
        var tts = new EspeakTextToSpeech(options);
        var balance = WavCodec.Read(await tts.SynthesizeAsync("what is the balance of my checking account", default));
        var transfer = WavCodec.Read(await tts.SynthesizeAsync("transfer two hundred dollars from checking to savings", default));

        var first = await stt.TranscribeAsync(balance, default);
        await stt.TranscribeAsync(transfer, default);
        var again = await stt.TranscribeAsync(balance, default);
        Assert.Contains("balance", first.Text, StringComparison.Ordinal);
        Assert.Equal(first.Text, again.Text);

        // One decoder, three callers at once: they wait their turn and each gets its own transcript.
        var together = await Task.WhenAll(stt.TranscribeAsync(balance, default), stt.TranscribeAsync(transfer, default), stt.TranscribeAsync(balance, default));
        Assert.Equal(first.Text, together[0].Text);
        Assert.Equal(first.Text, together[2].Text);
        Assert.Contains("transfer", together[1].Text, StringComparison.Ordinal);
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "Assistant.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
