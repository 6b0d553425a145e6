using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using BankingLlm.PiiGuard.Analysis;
using BankingLlm.PiiGuard.Operators;
using BankingLlm.PiiGuard.Vault;
using Microsoft.Extensions.Options;

namespace BankingLlm.PiiGuard.Scanning;

/// <summary>
/// The line format of `pii scan` (and of shared/eval/pii): reads <c>{"id","text","channel"?}</c>, writes
/// <c>{"id","masked","entities":[{"type","start","end","score"}]}</c> with offsets into the input text (end exclusive).
/// Each line gets its own vault and an ephemeral hash key: nothing is kept or recorded.
/// </summary>
public sealed class PiiScanner(IPiiAnalyzer analyzer, IOptions<PiiGuardOptions> options)
{
    private readonly PiiAnonymizer _anonymizer = new(new HmacPiiValueHasher(new EphemeralKey()), options);

    /// <summary>Scans one JSON line; a malformed line gives <c>{"id":...,"error":"..."}</c> rather than an exception.</summary>
    public string ScanLine(string jsonLine)
    {
        ArgumentNullException.ThrowIfNull(jsonLine);
        ScanInput? input;
        try
        {
            input = JsonSerializer.Deserialize(jsonLine, ScanJsonContext.Default.ScanInput);
        }
        catch (JsonException)
        {
            return JsonSerializer.Serialize(new ScanError(null, "invalid JSON"), ScanJsonContext.Default.ScanError);
        }

        if (input?.Text is null)
        {
            return JsonSerializer.Serialize(new ScanError(input?.Id, "missing text"), ScanJsonContext.Default.ScanError);
        }

        try
        {
            var analysis = analyzer.Analyze(input.Text, PiiChannelNames.Parse(input.Channel));
            var masked = _anonymizer.Anonymize(analysis, new PiiVault("scan")).Text;
            var entities = analysis.Entities
                .Select(e => new ScanEntity(e.Type.ToWireName(), e.Start, e.End, Math.Round(e.Score, 3)))
                .ToList();
            return JsonSerializer.Serialize(new ScanOutput(input.Id, masked, entities), ScanJsonContext.Default.ScanOutput);
        }
        catch (Exception ex) when (ex is ArgumentException or PiiGuardException)
        {
            return JsonSerializer.Serialize(new ScanError(input.Id, ex.Message), ScanJsonContext.Default.ScanError);
        }
    }

    private sealed class EphemeralKey : IPiiHashKeyProvider
    {
        private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

        public ReadOnlySpan<byte> GetHashKey() => _key;
    }
}

internal sealed record ScanInput(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("channel")] string? Channel);

internal sealed record ScanEntity(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End,
    [property: JsonPropertyName("score")] double Score);

internal sealed record ScanOutput(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("masked")] string Masked,
    [property: JsonPropertyName("entities")] IReadOnlyList<ScanEntity> Entities);

internal sealed record ScanError(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("error")] string Error);

[JsonSerializable(typeof(ScanInput))]
[JsonSerializable(typeof(ScanOutput))]
[JsonSerializable(typeof(ScanError))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
internal sealed partial class ScanJsonContext : JsonSerializerContext;
