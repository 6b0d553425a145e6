namespace BankingLlm.Assistant.Agent.Offline;

/// <summary>One tool call the offline model intends to make.</summary>
public sealed record PlannedCall(string Plugin, string Function, IReadOnlyDictionary<string, object?> Arguments);

/// <summary>
/// The offline model's answer to the latest customer turn: tool calls to make in order, then a reply phrased from
/// their results; or, with no calls, a direct reply (a question for a missing detail, small talk, "I didn't understand").
/// </summary>
public sealed record OfflinePlan(Intent Intent, double Confidence, IReadOnlyList<PlannedCall> Calls, string? DirectReply)
{
    public static OfflinePlan Reply(Intent intent, double confidence, string reply) => new(intent, confidence, [], reply);

    public static OfflinePlan Call(Intent intent, double confidence, params PlannedCall[] calls) => new(intent, confidence, calls, null);
}
