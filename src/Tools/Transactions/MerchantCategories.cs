namespace BankingLlm.Tools.Transactions;

/// <summary>Readable names for the common ISO 18245 merchant category codes.</summary>
internal static class MerchantCategories
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["5411"] = "groceries", ["5812"] = "restaurants", ["5814"] = "fast food", ["5541"] = "fuel", ["5542"] = "fuel",
        ["4111"] = "transit", ["4121"] = "taxis and rideshare", ["4899"] = "cable and streaming", ["4900"] = "utilities",
        ["5311"] = "department stores", ["5912"] = "pharmacies", ["5999"] = "retail", ["5732"] = "electronics",
        ["5942"] = "books", ["7011"] = "hotels", ["4511"] = "airlines", ["7832"] = "cinemas", ["8011"] = "doctors",
        ["8062"] = "hospitals", ["5691"] = "clothing", ["5651"] = "clothing", ["5200"] = "home improvement",
        ["5300"] = "wholesale clubs", ["6011"] = "cash (ATM)", ["4814"] = "phone", ["5968"] = "subscriptions",
    };

    public static string Name(string code) => Names.TryGetValue(code, out var name) ? name : $"category {code}";
}
