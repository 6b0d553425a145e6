namespace BankingLlm.Assistant.Voice.Audio;

/// <summary>
/// Reads an upload into memory only up to a limit: a declared length over the limit is refused before anything is
/// read, and a body without a length stops as soon as it passes the limit.
/// </summary>
public static class BoundedAudioReader
{
    public static async Task<byte[]> ReadAsync(Stream body, long? declaredLength, int maxBytes, CancellationToken ct)
    {
        if (declaredLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
        using var buffer = new MemoryStream(declaredLength is > 0 ? (int)declaredLength.Value : 64 * 1024);
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static VoiceInputException TooLarge(int maxBytes) =>
        new("audio_too_large", $"The audio is larger than {maxBytes:N0} bytes (Voice:MaxAudioBytes). Send one utterance at a time.");
}
