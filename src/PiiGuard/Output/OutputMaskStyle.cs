namespace BankingLlm.PiiGuard.Output;

/// <summary>How the output guard writes a value it masks.</summary>
public enum OutputMaskStyle
{
    /// <summary>For people: ***-**-6789, **** 4242, "ending 4821". Placeholders already in the text are rendered the same way.</summary>
    DisplayMask,

    /// <summary>For the model or logs: the session's placeholder ([SSN_1]), added to the vault when new.</summary>
    Placeholder,
}
