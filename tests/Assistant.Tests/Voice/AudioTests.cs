using System.Buffers.Binary;
using BankingLlm.Assistant.Voice;
using BankingLlm.Assistant.Voice.Audio;

namespace BankingLlm.Assistant.Tests.Voice;

public sealed class AudioTests
{
    public static PcmAudio Tone(int sampleRate, double seconds, double amplitude = 8000, double frequency = 440) =>
        new([.. Enumerable.Range(0, (int)(sampleRate * seconds)).Select(i => (short)(amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate)))], sampleRate);

    [Fact]
    public void Wav_round_trips()
    {
        var audio = Tone(16000, 0.5);
        var read = WavCodec.Read(WavCodec.Write(audio));
        Assert.Equal(16000, read.SampleRate);
        Assert.Equal(audio.Samples, read.Samples);
    }

    [Fact]
    public void Stereo_8_bit_and_float_are_mixed_down_to_16_bit_mono()
    {
        // 2 frames of 8-bit stereo: (255, 1) averages to the middle; 32-bit float mono: 0.5 -> ~16384.
        var stereo8 = Wav(format: 1, channels: 2, rate: 8000, bits: 8, data: [255, 1, 128, 128]);
        Assert.Equal([0, 0], WavCodec.Read(stereo8).Samples);
        var float32 = Wav(format: 3, channels: 1, rate: 22050, bits: 32, data: BitConverter.GetBytes(0.5f));
        Assert.InRange(WavCodec.Read(float32).Samples[0], (short)16380, (short)16390);
    }

    [Theory]
    [InlineData(new byte[0], "empty_audio")]
    [InlineData(new byte[] { 0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3 }, "invalid_audio")]    // an MP3 (ID3) header
    public void Empty_and_non_wav_bytes_are_refused_with_a_code(byte[] bytes, string code)
    {
        Assert.Equal(code, Assert.Throws<VoiceInputException>(() => WavCodec.Read(bytes)).Code);
    }

    [Fact]
    public void Truncated_compressed_and_out_of_range_wav_files_are_refused()
    {
        Assert.Equal("invalid_audio", Assert.Throws<VoiceInputException>(() => WavCodec.Read(WavCodec.Write(Tone(16000, 0.1))[..30])).Code);
        Assert.Equal("unsupported_audio", Assert.Throws<VoiceInputException>(() => WavCodec.Read(Wav(format: 0x55, channels: 1, rate: 16000, bits: 16, data: [0, 0]))).Code);
        Assert.Equal("unsupported_audio", Assert.Throws<VoiceInputException>(() => WavCodec.Read(Wav(format: 1, channels: 1, rate: 96000, bits: 16, data: [0, 0]))).Code);
        Assert.Equal("unsupported_audio", Assert.Throws<VoiceInputException>(() => WavCodec.ReadRawPcm16([0, 0], 4000)).Code);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(22050)]
    [InlineData(44100)]
    public void Resampling_keeps_duration_and_pitch(int rate)
    {
        var resampled = Resampler.To(Tone(rate, 1.0), 16000);
        Assert.Equal(16000, resampled.SampleRate);
        Assert.InRange(resampled.Samples.Length, 15990, 16000);
        var crossings = resampled.Samples.Zip(resampled.Samples.Skip(1)).Count(p => p.First < 0 && p.Second >= 0);
        Assert.InRange(crossings, 438, 442);    // still a 440 Hz tone
    }

    [Fact]
    public void Speech_activity_tells_silence_and_hiss_from_sound()
    {
        Assert.False(SpeechActivity.HasSpeech(new PcmAudio(new short[16000], 16000)));
        var random = new Random(1);
        Assert.False(SpeechActivity.HasSpeech(new PcmAudio([.. Enumerable.Range(0, 16000).Select(_ => (short)random.Next(-60, 60))], 16000)));
        Assert.False(SpeechActivity.HasSpeech(Tone(16000, 0.05)));                  // a click is not an utterance
        var utterance = new short[32000];
        Tone(16000, 0.6).Samples.CopyTo(utterance, 8000);
        Assert.True(SpeechActivity.HasSpeech(new PcmAudio(utterance, 16000)));
    }

    [Fact]
    public async Task Bounded_reader_refuses_a_declared_or_streamed_length_over_the_limit_without_reading_it_all()
    {
        var declared = new CountingStream(new MemoryStream(new byte[10_000]));
        Assert.Equal("audio_too_large", (await Assert.ThrowsAsync<VoiceInputException>(() => BoundedAudioReader.ReadAsync(declared, 10_000, 5_000, default))).Code);
        Assert.Equal(0, declared.BytesRead);

        var endless = new CountingStream(new EndlessStream());
        Assert.Equal("audio_too_large", (await Assert.ThrowsAsync<VoiceInputException>(() => BoundedAudioReader.ReadAsync(endless, null, 200_000, default))).Code);
        Assert.InRange(endless.BytesRead, 200_000, 200_000 + (64 * 1024));

        Assert.Equal(3, (await BoundedAudioReader.ReadAsync(new MemoryStream([1, 2, 3]), null, 5_000, default)).Length);
    }

    /// <summary>A WAV file with the given format chunk and data.</summary>
    public static byte[] Wav(ushort format, ushort channels, int rate, ushort bits, byte[] data)
    {
        var bytes = new byte[44 + data.Length];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 36 + data.Length);
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(20), format);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(22), channels);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), rate);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), rate * channels * bits / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(32), (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(34), bits);
        "data"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), data.Length);
        data.CopyTo(bytes, 44);
        return bytes;
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => count;
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
