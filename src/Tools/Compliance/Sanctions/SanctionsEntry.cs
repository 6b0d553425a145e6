namespace BankingLlm.Tools.Compliance.Sanctions;

/// <summary>One name of a listed party (primary or alias), pre-normalised for matching.</summary>
public sealed record SanctionsEntry(int EntityNumber, string Name, string Type, string Program, bool IsAlias)
{
    internal IReadOnlyList<string> Tokens { get; } = NameNormalizer.Tokens(Name);
    internal IReadOnlyList<string> Skeletons { get; } = NameNormalizer.Tokens(Name).Select(NameNormalizer.Skeleton).ToList();
}

/// <summary>A beneficiary name that matched a listed name at or above the threshold.</summary>
public sealed record SanctionsMatch(int EntityNumber, string ListedName, string Program, double Score, bool IsAlias);
