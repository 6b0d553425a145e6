using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>
/// A file of recorded model responses (JSON): for each transcript and request number, the hash of the masked
/// history the model was sent (ids, times and references normalised, so a later run of the same transcript hashes
/// the same), the ids that history held, and the model's answer with its tool calls. Everything in it is masked.
/// </summary>
public sealed partial class ModelRecording
{
    public const string FormatName = "bankingllm-model-recording/1";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Format { get; set; } = FormatName;
    public string? Model { get; set; }
    public List<RecordedExchange> Exchanges { get; set; } = [];

    public static ModelRecording Load(string path)
    {
        ModelRecording? recording;
        try
        {
            recording = JsonSerializer.Deserialize<ModelRecording>(File.ReadAllText(path), Json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InvalidOperationException($"--replay-model {path}: cannot read the recording ({ex.Message}).", ex);
        }
        if (recording is null || recording.Format != FormatName)
        {
            throw new InvalidOperationException($"--replay-model {path}: not a model recording (format must be {FormatName}).");
        }
        return recording;
    }

    /// <summary>The history with what differs between runs (ids, timestamps, references) replaced, and its SHA-256.</summary>
    public static string Hash(string requestText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(requestText))));

    public static string Normalize(string text)
    {
        text = GuidPattern().Replace(text, "<id>");
        text = TimestampPattern().Replace(text, "<time>");
        text = DatePattern().Replace(text, "<date>");
        text = ClockPattern().Replace(text, "<clock>");
        return ReferencePattern().Replace(text, "<ref>");
    }

    /// <summary>Distinct ids in order of first appearance: the ids of a recorded response are mapped by position.</summary>
    public static List<string> Ids(string text) =>
        [.. GuidPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    public static partial Regex GuidPattern();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}(, \d{4})?\b")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b\d{1,2}:\d{2}(:\d{2})?(\s?[AaPp][Mm])?")]
    private static partial Regex ClockPattern();

    /// <summary>Where two normalised requests first differ, with some context either side.</summary>
    public static string FirstDifference(string recorded, string now)
    {
        var i = 0;
        while (i < recorded.Length && i < now.Length && recorded[i] == now[i])
        {
            i++;
        }
        var start = Math.Max(0, i - 40);
        static string Cut(string s, int from) => from >= s.Length ? "(end)" : s.Substring(from, Math.Min(80, s.Length - from)).ReplaceLineEndings(" ");
        return $"recorded \"...{Cut(recorded, start)}...\" vs now \"...{Cut(now, start)}...\"";
    }

    [GeneratedRegex(@"\b[A-Z]{2,4}[0-9A-F]{6,}\b")]
    private static partial Regex ReferencePattern();
}

/// <summary>One model request and its answer.</summary>
public sealed class RecordedExchange
{
    public string Transcript { get; set; } = "";
    public int Sequence { get; set; }
    public string RequestSha256 { get; set; } = "";
    /// <summary>The last message of the request (masked), so a person can see what was asked.</summary>
    public string? LastMessage { get; set; }
    /// <summary>The normalised masked request, to show where a later request differs.</summary>
    public string? Request { get; set; }
    public List<string> RequestIds { get; set; } = [];
    public RecordedReply Reply { get; set; } = new();
}

/// <summary>The model's answer: text, tool calls and metadata (intent, confidence).</summary>
public sealed class RecordedReply
{
    public string? Content { get; set; }
    public string? ModelId { get; set; }
    public List<RecordedToolCall> ToolCalls { get; set; } = [];
    public Dictionary<string, JsonElement>? Metadata { get; set; }
}

public sealed class RecordedToolCall
{
    public string? Id { get; set; }
    public string? Plugin { get; set; }
    public string Function { get; set; } = "";
    public Dictionary<string, JsonElement>? Arguments { get; set; }
}
