namespace BankingLlm.PiiGuard;

/// <summary>The guard could not vouch for a text (e.g. a recognizer timed out); the caller must not pass the text on.</summary>
public sealed class PiiGuardException : Exception
{
    public PiiGuardException()
    {
    }

    public PiiGuardException(string message)
        : base(message)
    {
    }

    public PiiGuardException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
