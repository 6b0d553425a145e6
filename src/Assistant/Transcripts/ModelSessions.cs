using System.Collections.Concurrent;
using BankingLlm.Tools.Scope;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>
/// Which transcript each chat session of a replay plays, and how many model requests it has made: the key of a
/// recorded model response is (transcript, request number), stable across runs where session ids are not.
/// </summary>
public sealed class ModelSessions
{
    private readonly ConcurrentDictionary<Guid, Entry> _sessions = new();
    private readonly ConcurrentQueue<string> _misses = new();

    public void Register(Guid sessionId, string transcriptKey) => _sessions[sessionId] = new Entry(transcriptKey);

    /// <summary>The current request's transcript and number (from 1), or null outside a replayed session.</summary>
    public (string Transcript, int Sequence)? NextRequest()
    {
        if (CustomerScope.Current?.SessionId is not { } session || !_sessions.TryGetValue(session, out var entry))
        {
            return null;
        }
        return (entry.Transcript, Interlocked.Increment(ref entry.Requests));
    }

    /// <summary>Recorded-model problems of a transcript (a request with no recording, or a different one).</summary>
    public void Miss(string transcriptKey, string message) => _misses.Enqueue(transcriptKey + "\u0000" + message);

    public IReadOnlyList<string> MissesOf(string transcriptKey) =>
        [.. _misses.Select(m => m.Split('\u0000', 2)).Where(p => p[0] == transcriptKey).Select(p => p[1])];

    private sealed class Entry(string transcript)
    {
        public string Transcript { get; } = transcript;
        public int Requests;
    }
}
