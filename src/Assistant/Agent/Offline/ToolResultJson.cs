using System.Text.Json;
using System.Text.Json.Serialization;

namespace BankingLlm.Assistant.Agent.Offline;

/// <summary>The one JSON shape of tool results, for every model and for the stored history: snake_case, no nulls.</summary>
public static class ToolResultJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize(object? value) => value switch
    {
        null => "null",
        string s => s,
        _ => JsonSerializer.Serialize(value, value.GetType(), Options),
    };
}
