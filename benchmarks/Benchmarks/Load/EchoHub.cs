using System.Runtime.CompilerServices;
using BankingLlm.Assistant.Hubs;
using BankingLlm.Assistant.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BankingLlm.Benchmarks.Load;

/// <summary>
/// The load run's baseline, mapped only in the benchmark host: the chat hub's transport, authentication, filters and
/// stream shape (one delta, one final) with no guard, agent or database, so the ratio shows what a turn adds.
/// </summary>
[Authorize(Policy = AssistantClaims.CustomerPolicy)]
public sealed class EchoHub : Hub
{
    public const string Path = "/hubs/echo";

    public async IAsyncEnumerable<ChatChunk> SendMessage(Guid sessionId, string text, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        yield return ChatChunk.Delta(text);
        yield return new ChatChunk("final", text, [], null);
    }
}
