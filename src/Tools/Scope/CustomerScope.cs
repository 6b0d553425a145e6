namespace BankingLlm.Tools.Scope;

/// <summary>
/// The ambient customer of the current async flow. The host opens it for one turn:
/// <code>using (CustomerScope.Begin(new CustomerSession(customerId, sessionId, requestId))) { ...run the agent turn... }</code>
/// It flows into every tool call the turn makes (AsyncLocal) and is gone when disposed.
/// </summary>
public static class CustomerScope
{
    private static readonly AsyncLocal<CustomerSession?> Ambient = new();

    public static CustomerSession? Current => Ambient.Value;

    public static IDisposable Begin(CustomerSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.CustomerId == Guid.Empty)
        {
            throw new ArgumentException("A customer scope needs a customer id.", nameof(session));
        }
        if (string.IsNullOrWhiteSpace(session.RequestId))
        {
            throw new ArgumentException("A customer scope needs a request id.", nameof(session));
        }
        var previous = Ambient.Value;
        Ambient.Value = session;
        return new Restore(previous);
    }

    private sealed class Restore(CustomerSession? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                Ambient.Value = previous;
            }
        }
    }
}
