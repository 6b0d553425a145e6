using BankingLlm.Assistant.Conversations;
using Microsoft.AspNetCore.SignalR;

namespace BankingLlm.Assistant.Hubs;

/// <summary>How every hub method answers a failure: known refusals keep their code, anything else is [internal_error].</summary>
internal static class HubCalls
{
    public static async Task<T> GuardAsync<T>(Func<Task<T>> action, HubCallerContext context, ILogger logger)
    {
        try
        {
            return await action();
        }
        catch (HubException)
        {
            throw;
        }
        catch (ConversationException ex)
        {
            throw HubErrors.Error(ex.Code, ex.Message);
        }
        catch (OperationCanceledException) when (context.ConnectionAborted.IsCancellationRequested)
        {
            throw HubErrors.Error("cancelled", "The request was cancelled.");
        }
        catch (Exception ex)
        {
            HubLog.TurnFailed(logger, ex.GetType().Name, ex);
            throw HubErrors.Internal();
        }
    }
}
