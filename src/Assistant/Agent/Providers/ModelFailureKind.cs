namespace BankingLlm.Assistant.Agent.Providers;

/// <summary>
/// Why a remote model request failed. Every failure of a service from <see cref="RemoteChatModels.Create"/> is a
/// <see cref="Microsoft.SemanticKernel.HttpOperationException"/>; <see cref="RemoteChatModels.Classify"/> tells which.
/// </summary>
public enum ModelFailureKind
{
    /// <summary>The server answered with an HTTP error other than those below (5xx, 400, 404 ...).</summary>
    HttpError = 0,

    /// <summary>No connection: refused, DNS, TLS (no status code).</summary>
    Unreachable = 1,

    /// <summary>No answer within <c>Model:TimeoutSeconds</c> (status 408 on the exception).</summary>
    Timeout = 2,

    /// <summary>HTTP 429: the server's rate limit or quota.</summary>
    RateLimited = 3,

    /// <summary>HTTP 401/403: the key is wrong or lacks access.</summary>
    Unauthorized = 4,

    /// <summary>A 2xx answer that is not a chat completion (bad JSON, missing fields).</summary>
    MalformedResponse = 5,
}
