using System.Buffers.Binary;

namespace BankingLlm.Assistant.Voice.Audio;

/// <summary>
/// Reads RIFF/WAVE (PCM 8/16/24/32-bit, IEEE float 32-bit, WAVE_FORMAT_EXTENSIBLE; any channel count, mixed down to
/// mono) and raw 16-bit little-endian PCM; writes 16-bit mono WAV. Anything else is refused with a message naming
/// what is accepted.
/// </summary>
public static class WavCodec
{
    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    public static bool LooksLikeWav(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WAVE"u8);

    /// <summary>The duration a WAV header announces, from the header alone (no sample is decoded).</summary>
    public static TimeSpan? DeclaredDuration(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var (format, _, length) = Chunks(bytes);
            return TimeSpan.FromSeconds((double)(length / format.BlockAlign) / format.SampleRate);
        }
        catch (VoiceInputException)
        {
            return null;
        }
    }

    public static PcmAudio Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            throw new VoiceInputException("empty_audio", "The audio is empty.");
        }
        if (!LooksLikeWav(bytes))
        {
            throw VoiceInputException.Invalid("The audio is not a WAV file (RIFF/WAVE header missing). Send 16-bit PCM WAV, or raw PCM as audio/L16;rate=16000.");
        }
        var (format, offset, length) = Chunks(bytes);
        var data = bytes.Slice(offset, length);
        var bytesPerSample = format.BitsPerSample / 8;
        var frameBytes = bytesPerSample * format.Channels;
        var frames = data.Length / frameBytes;
        var samples = new short[frames];
        for (var i = 0; i < frames; i++)
        {
            var sum = 0.0;
            for (var c = 0; c < format.Channels; c++)
            {
                sum += Sample(data.Slice((i * frameBytes) + (c * bytesPerSample), bytesPerSample), format.Encoding);
            }
            samples[i] = ToShort(sum / format.Channels);
        }
        return new PcmAudio(samples, (int)format.SampleRate);
    }

    /// <summary>Raw 16-bit little-endian mono PCM (audio/L16, audio/pcm).</summary>
    public static PcmAudio ReadRawPcm16(ReadOnlySpan<byte> bytes, int sampleRate)
    {
        if (bytes.Length == 0)
        {
            throw new VoiceInputException("empty_audio", "The audio is empty.");
        }
        if (sampleRate is < 8000 or > 48000)
        {
            throw VoiceInputException.Unsupported($"Sample rate {sampleRate} Hz is not supported (8,000-48,000 Hz).");
        }
        var samples = new short[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.Slice(i * 2, 2));
        }
        return new PcmAudio(samples, sampleRate);
    }

    public static byte[] Write(PcmAudio audio)
    {
        var dataBytes = audio.Samples.Length * 2;
        var bytes = new byte[44 + dataBytes];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], FormatPcm);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], audio.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], audio.SampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        for (var i = 0; i < audio.Samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (i * 2))..], audio.Samples[i]);
        }
        return bytes;
    }

    private enum Encoding { Pcm8, Pcm16, Pcm24, Pcm32, Float32 }

    private readonly record struct Format(ushort Channels, uint SampleRate, ushort BlockAlign, ushort BitsPerSample, Encoding Encoding);

    private static (Format Format, int Offset, int Length) Chunks(ReadOnlySpan<byte> bytes)
    {
        Format? format = null;
        var position = 12;
        while (position + 8 <= bytes.Length)
        {
            var id = bytes.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(position + 4, 4));
            var body = position + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > bytes.Length)
                {
                    throw VoiceInputException.Invalid("The WAV format chunk is truncated.");
                }
                format = ParseFormat(bytes.Slice(body, (int)Math.Min(size, (uint)(bytes.Length - body))));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is null)
                {
                    throw VoiceInputException.Invalid("The WAV data chunk comes before its format chunk.");
                }
                // Streaming writers leave the size at 0 or 0xFFFFFFFF: take what is there.
                var length = size == 0 || size > bytes.Length - body ? bytes.Length - body : (int)size;
                return (format.Value, body, length);
            }
            if (size > int.MaxValue - body)
            {
                break;
            }
            position = body + (int)size + (int)(size & 1);
        }
        throw VoiceInputException.Invalid(format is null ? "The WAV file has no format chunk." : "The WAV file has no data chunk.");
    }

    private static Format ParseFormat(ReadOnlySpan<byte> fmt)
    {
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (tag == FormatExtensible && fmt.Length >= 26)
        {
            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
        }
        if (channels is 0 or > 8)
        {
            throw VoiceInputException.Unsupported($"{channels} channels are not supported (1-8).");
        }
        if (rate is < 8000 or > 48000)
        {
            throw VoiceInputException.Unsupported($"Sample rate {rate} Hz is not supported (8,000-48,000 Hz).");
        }
        var encoding = (tag, bits) switch
        {
            (FormatPcm, 8) => Encoding.Pcm8,
            (FormatPcm, 16) => Encoding.Pcm16,
            (FormatPcm, 24) => Encoding.Pcm24,
            (FormatPcm, 32) => Encoding.Pcm32,
            (FormatFloat, 32) => Encoding.Float32,
            _ => throw VoiceInputException.Unsupported($"WAV encoding {tag} with {bits}-bit samples is not supported; send PCM (8/16/24/32-bit) or 32-bit float."),
        };
        if (blockAlign != channels * (bits / 8))
        {
            throw VoiceInputException.Invalid("The WAV header is inconsistent (block align does not match channels and sample size).");
        }
        return new Format(channels, rate, blockAlign, bits, encoding);
    }

    /// <summary>One sample scaled to the 16-bit range.</summary>
    private static double Sample(ReadOnlySpan<byte> s, Encoding encoding) => encoding switch
    {
        Encoding.Pcm8 => (s[0] - 128) * 256.0,
        Encoding.Pcm16 => BinaryPrimitives.ReadInt16LittleEndian(s),
        Encoding.Pcm24 => ((s[0] << 8) | (s[1] << 16) | (s[2] << 24)) >> 16,
        Encoding.Pcm32 => BinaryPrimitives.ReadInt32LittleEndian(s) / 65536.0,
        _ => BinaryPrimitives.ReadSingleLittleEndian(s) * 32767.0,
    };

    private static short ToShort(double value) => double.IsFinite(value) ? (short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue) : (short)0;
}
