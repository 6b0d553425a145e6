namespace BankingLlm.PiiGuard.Text;

/// <summary>What a context word near a candidate says the candidate is.</summary>
[Flags]
public enum CueKind
{
    None = 0,
    Ssn = 1 << 0,
    Passport = 1 << 1,
    DriversLicense = 1 << 2,
    Routing = 1 << 3,
    Account = 1 << 4,
    Card = 1 << 5,
    Phone = 1 << 6,
    Email = 1 << 7,
    Address = 1 << 8,
    Iban = 1 << 9,

    /// <summary>Order, invoice, case, claim, ticket, confirmation, reference, transaction, tracking, check, gift-card code...</summary>
    Identifier = 1 << 10,

    /// <summary>"ending in", "last four", "****": what follows is a fragment, not a full value.</summary>
    Fragment = 1 << 11,

    /// <summary>CVV / CVC / security code.</summary>
    SecurityCode = 1 << 12,

    /// <summary>Money or quantity words ("$", "dollars", "amount", "balance").</summary>
    Amount = 1 << 13,

    /// <summary>The cues that compete for an otherwise ambiguous digit string (9 digits can be four different things).</summary>
    Competing = Ssn | Passport | DriversLicense | Routing | Account | Card | Phone | Identifier | Fragment | SecurityCode | Iban,

    /// <summary>
    /// The cues that compete for an identity-document number: "card" and phone words are left out because they name
    /// the document itself ("social security card", "passport card", "ID card") more often than another value.
    /// </summary>
    IdentityCompeting = Competing & ~(Card | Phone),
}
