using System.ClientModel;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Assistant.Agent.Providers;

/// <summary>
/// Wraps a Semantic Kernel connector: applies <c>Model:TimeoutSeconds</c> to each request (streaming: to the whole
/// stream) and turns every way a request can fail into one exception type, <see cref="HttpOperationException"/>,
/// tagged with a <see cref="ModelFailureKind"/>. Cancellation by the caller stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class GuardedChatCompletionService(
    IChatCompletionService inner,
    ModelProvider provider,
    TimeSpan timeout,
    ILogger logger) : IChatCompletionService
{
    public IReadOnlyDictionary<string, object?> Attributes => inner.Attributes;

    public async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(
        ChatHistory chatHistory,
        PromptExecutionSettings? executionSettings = null,
        Kernel? kernel = null,
        CancellationToken cancellationToken = default)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await inner.GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(
        ChatHistory chatHistory,
        PromptExecutionSettings? executionSettings = null,
        Kernel? kernel = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var enumerator = inner.GetStreamingChatMessageContentsAsync(chatHistory, executionSettings, kernel, timeoutSource.Token)
            .GetAsyncEnumerator(timeoutSource.Token);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
                {
                    throw translated;
                }

                yield return enumerator.Current;
            }
        }
    }

    /// <summary>The exception to throw instead of <paramref name="ex"/>, or null to let it through unchanged.</summary>
    private HttpOperationException? Translate(Exception ex, CancellationToken callerToken)
    {
        switch (ex)
        {
            case HttpOperationException http:
                var kind = RemoteChatModels.Classify(http);
                if (kind == ModelFailureKind.Unreachable)
                {
                    ModelLog.EndpointUnreachable(logger, provider, http.InnerException?.GetType().Name ?? nameof(HttpOperationException));
                }
                else
                {
                    ModelLog.RequestFailed(logger, provider, (int)(http.StatusCode ?? 0));
                }

                http.Data[RemoteChatModels.FailureKindKey] = kind;
                return null;

            case ClientResultException client:
                // The streaming path of the connector lets the SDK's exception through; make it the documented type.
                var status = client.Status == 0 ? (HttpStatusCode?)null : (HttpStatusCode)client.Status;
                var converted = new HttpOperationException(status, client.GetRawResponse()?.Content?.ToString(), client.Message, client);
                return Translate(converted, callerToken) ?? converted;

            case OperationCanceledException when !callerToken.IsCancellationRequested:
                ModelLog.RequestTimedOut(logger, provider, (int)timeout.TotalSeconds);
                return Tag(
                    new HttpOperationException(HttpStatusCode.RequestTimeout, responseContent: null,
                        $"The model endpoint did not answer within Model:TimeoutSeconds ({timeout.TotalSeconds:0} s).", ex),
                    ModelFailureKind.Timeout);

            case HttpRequestException:
                ModelLog.EndpointUnreachable(logger, provider, ex.GetType().Name);
                return Tag(new HttpOperationException(statusCode: null, responseContent: null, "The model endpoint could not be reached.", ex), ModelFailureKind.Unreachable);

            case JsonException or KeyNotFoundException or FormatException or InvalidOperationException:
                ModelLog.MalformedResponse(logger, provider, ex.GetType().Name);
                return Tag(
                    new HttpOperationException(statusCode: null, responseContent: null, "The model endpoint returned a response that is not a chat completion.", ex),
                    ModelFailureKind.MalformedResponse);

            default:
                return null;
        }
    }

    private static HttpOperationException Tag(HttpOperationException exception, ModelFailureKind kind)
    {
        exception.Data[RemoteChatModels.FailureKindKey] = kind;
        return exception;
    }
}
