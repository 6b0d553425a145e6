using System.Text.RegularExpressions;

namespace BankingLlm.Assistant.Agent.Offline;

/// <summary>
/// Cheap structural facts about a normalised turn that the classifier weighs beside its cues: does it name an
/// amount, one of the customer's accounts, a debt account, an amount bound, a merchant; how long is it.
/// </summary>
public sealed partial record TurnFeatures(int Words, bool HasNumber, bool HasMoney, int AccountMentions, bool DebtAccount, bool HasBounds, bool HasMerchant)
{
    public bool IsShort => Words <= 2;

    public static TurnFeatures Of(string text, string norm, IReadOnlyCollection<string>? nicknames)
    {
        var words = norm.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hasNumber = words.Any(w => w.Any(char.IsAsciiDigit) && !w.StartsWith('['));
        var quantity = Quantity().IsMatch(norm);
        var currency = Currency().IsMatch(norm);
        var (min, max) = EntityExtractor.BoundsOf(norm);
        var accounts = AccountWord().Matches(norm).Count + EntityExtractor.OrdinalAccounts(norm).Count
            + (nicknames ?? []).Count(n => norm.Contains(" " + n.ToLowerInvariant() + " ", StringComparison.Ordinal));
        return new TurnFeatures(
            words.Length,
            hasNumber,
            currency || (hasNumber && !quantity && !Ending().IsMatch(norm)) || (quantity && hasNumber && words.Count(w => w.Any(char.IsAsciiDigit)) > 1),
            accounts,
            DebtWord().IsMatch(norm),
            min is not null || max is not null,
            EntityExtractor.Merchant(text, norm) is not null);
    }

    [GeneratedRegex(@"\$|\b(?:dollars?|bucks?|quid|pounds?|usd|cents?|grand)\b|\d(?:\.\d+)?k\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Currency();

    [GeneratedRegex(@"\b\d+\s+(?:days?|weeks?|months?|years?|transactions?|purchases?|payments?|charges?|items?|st|nd|rd|th)\b|\b\d+(?:st|nd|rd|th)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Quantity();

    [GeneratedRegex(@"\b(?:ending|ends|x)\s*(?:in\s+|with\s+)?\d{4}\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Ending();

    [GeneratedRegex(@"\b(?:checking|savings?|credit card|card|loan|mortgage|money market|investment|brokerage|current account)\b|\[account_number_\d+\]|\b(?:ending|ends|x)\s*(?:in\s+)?\d{4}\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AccountWord();

    [GeneratedRegex(@"\b(?:credit card|card|loan|mortgage|bill)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DebtWord();
}
