using Microsoft.Extensions.Logging;

namespace BankingLlm.Assistant.Agent.Providers;

/// <summary>Log events of the model providers: provider, host, model, status codes and durations; never bodies or keys.</summary>
internal static partial class ModelLog
{
    [LoggerMessage(5301, LogLevel.Information, "Model provider {Provider} at {Host} with model {Model} (key {KeyState}).")]
    public static partial void ProviderCreated(ILogger logger, ModelProvider provider, string host, string model, string keyState);

    [LoggerMessage(5302, LogLevel.Warning, "Model request to {Provider} failed with HTTP {StatusCode}.")]
    public static partial void RequestFailed(ILogger logger, ModelProvider provider, int statusCode);

    [LoggerMessage(5303, LogLevel.Warning, "Model request to {Provider} could not reach the endpoint ({ExceptionType}).")]
    public static partial void EndpointUnreachable(ILogger logger, ModelProvider provider, string exceptionType);

    [LoggerMessage(5304, LogLevel.Warning, "Model request to {Provider} timed out after {TimeoutSeconds} s.")]
    public static partial void RequestTimedOut(ILogger logger, ModelProvider provider, int timeoutSeconds);

    [LoggerMessage(5305, LogLevel.Warning, "Model response from {Provider} could not be read ({ExceptionType}).")]
    public static partial void MalformedResponse(ILogger logger, ModelProvider provider, string exceptionType);
}
