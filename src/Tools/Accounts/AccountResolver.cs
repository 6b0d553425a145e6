using System.Text.RegularExpressions;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Tools.Accounts;

/// <summary>
/// Resolves the way a customer names an account ("checking", "Everyday", "ending 4821", a full number the vault
/// put back in place of [ACCOUNT_NUMBER_1]) among that customer's own accounts only. A reference to someone
/// else's account finds nothing, exactly like a reference to no account at all.
/// </summary>
public static partial class AccountResolver
{
    /// <summary>The customer's accounts (owner, primary or secondary owner), oldest first.</summary>
    public static IQueryable<Account> OwnedBy(BankingDbContext db, Guid customerId) =>
        db.Accounts.Where(a => a.CustomerId == customerId || a.PrimaryOwner == customerId || a.SecondaryOwner == customerId)
            .OrderBy(a => a.OpenedDate).ThenBy(a => a.AccountId);

    public static async Task<Account> ResolveAsync(BankingDbContext db, Guid customerId, string? reference, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            throw new ToolRefusalException(Refusals.AccountReferenceMissing, "account_missing");
        }
        var accounts = await OwnedBy(db, customerId).AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        return Resolve(accounts, reference);
    }

    /// <summary>Picks the one account of <paramref name="accounts"/> the reference names, or refuses.</summary>
    public static Account Resolve(IReadOnlyList<Account> accounts, string reference)
    {
        var matches = Match(accounts, reference);
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new ToolRefusalException(Refusals.AccountNotFound, "account_not_found"),
            _ => throw new ToolRefusalException(Refusals.Ambiguous(matches.Select(Display)), "account_ambiguous"),
        };
    }

    internal static List<Account> Match(IReadOnlyList<Account> accounts, string reference)
    {
        var text = reference.Trim();
        if (text.Length > 200)
        {
            return [];
        }
        var compact = Compact(text);

        // A full account number (16-20 letters/digits), e.g. a value the vault substituted for a placeholder.
        if (compact.Length >= 16 && compact.Length <= 20 && compact.Count(char.IsAsciiDigit) >= 8)
        {
            return accounts.Where(a => string.Equals(a.AccountNumber, compact, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        var lower = text.ToLowerInvariant();
        var nickname = accounts.Where(a => a.Nickname is { Length: > 0 } n &&
            (string.Equals(n, text, StringComparison.OrdinalIgnoreCase) || ContainsWords(lower, n.ToLowerInvariant()))).ToList();

        // "ending 4821", "x4821", "****4821", "4821": the last four digits.
        var digits = LastFourPattern().Match(text);
        if (digits.Success)
        {
            var lastFour = digits.Groups[1].Value;
            var byDigits = accounts.Where(a => a.AccountNumber.EndsWith(lastFour, StringComparison.Ordinal)).ToList();
            var type = TypeOf(lower);
            return type is null ? byDigits : byDigits.Where(a => a.AccountType == type).ToList();
        }
        if (AnyDigits().IsMatch(text))
        {
            // Digits that are neither a full number nor a last four: never guess.
            return [];
        }
        if (nickname.Count > 0)
        {
            return nickname;
        }
        var byType = TypeOf(lower);
        return byType is null ? [] : accounts.Where(a => a.AccountType == byType).ToList();
    }

    public static AccountType? TypeOf(string lower) =>
        lower switch
        {
            _ when lower.Contains("money market", StringComparison.Ordinal) || lower.Contains("money_market", StringComparison.Ordinal) || lower.Contains("mmda", StringComparison.Ordinal) => AccountType.MoneyMarket,
            _ when lower.Contains("credit", StringComparison.Ordinal) || lower.Contains("card", StringComparison.Ordinal) => AccountType.CreditCard,
            _ when lower.Contains("checking", StringComparison.Ordinal) || lower.Contains("chequing", StringComparison.Ordinal) || lower.Contains("current", StringComparison.Ordinal) => AccountType.Checking,
            _ when lower.Contains("saving", StringComparison.Ordinal) => AccountType.Savings,
            _ when lower.Contains("loan", StringComparison.Ordinal) || lower.Contains("mortgage", StringComparison.Ordinal) => AccountType.Loan,
            _ when lower.Contains("invest", StringComparison.Ordinal) || lower.Contains("brokerage", StringComparison.Ordinal) => AccountType.Investment,
            _ => null,
        };

    /// <summary>How an account is named to the model and the customer: type, nickname, last four only.</summary>
    public static string Display(Account a)
    {
        var type = TypeName(a.AccountType);
        var last4 = LastFour(a.AccountNumber);
        return a.Nickname is { Length: > 0 } n ? $"{type} \"{n}\" ending {last4}" : $"{type} ending {last4}";
    }

    public static string TypeName(AccountType type) => type switch
    {
        AccountType.MoneyMarket => "money market",
        AccountType.CreditCard => "credit card",
        _ => type.ToString().ToLowerInvariant(),
    };

    public static string LastFour(string accountNumber) => accountNumber.Length <= 4 ? accountNumber : accountNumber[^4..];

    /// <summary>"my everyday account" names "Everyday"; "savings" does not name an account nicknamed "a".</summary>
    private static bool ContainsWords(string text, string phrase)
    {
        for (var i = text.IndexOf(phrase, StringComparison.Ordinal); i >= 0; i = text.IndexOf(phrase, i + 1, StringComparison.Ordinal))
        {
            var before = i == 0 || !char.IsLetterOrDigit(text[i - 1]);
            var end = i + phrase.Length;
            var after = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after)
            {
                return true;
            }
        }
        return false;
    }

    private static string Compact(string text) => new(text.Where(char.IsAsciiLetterOrDigit).ToArray());

    [GeneratedRegex(@"(?:^|[^0-9])([0-9]{4})\s*\)?\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LastFourPattern();

    [GeneratedRegex(@"[0-9]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AnyDigits();
}
