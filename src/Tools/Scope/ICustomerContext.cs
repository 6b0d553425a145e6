namespace BankingLlm.Tools.Scope;

/// <summary>The customer the tools act for. The default implementation reads <see cref="CustomerScope"/>.</summary>
public interface ICustomerContext
{
    /// <summary>The session's customer, or null outside a customer scope.</summary>
    CustomerSession? Current { get; }
}

/// <summary>Reads the AsyncLocal <see cref="CustomerScope"/> the host set for the turn.</summary>
public sealed class AmbientCustomerContext : ICustomerContext
{
    public CustomerSession? Current => CustomerScope.Current;
}

internal static class CustomerContextExtensions
{
    /// <summary>The session's customer; a tool called outside a customer scope is refused.</summary>
    public static CustomerSession Require(this ICustomerContext context) =>
        context.Current ?? throw new ToolRefusalException(Refusals.NoCustomer);
}
