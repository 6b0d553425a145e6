using BankingLlm.PiiGuard.Analysis;
using BankingLlm.PiiGuard.Recognizers;

namespace BankingLlm.PiiGuard.Tests.Analysis;

public sealed class OverlapResolverTests
{
    [Fact]
    public void Highest_score_wins_then_longest_then_earliest()
    {
        var results = OverlapResolver.Resolve(
        [
            new RecognizerResult(PiiType.Phone, 0, 10, 0.55, "p", ""),
            new RecognizerResult(PiiType.BankAccount, 0, 10, 0.85, "b", ""),
            new RecognizerResult(PiiType.Ssn, 20, 29, 0.9, "s", ""),
            new RecognizerResult(PiiType.Passport, 20, 31, 0.9, "x", ""),
            new RecognizerResult(PiiType.Email, 40, 45, 0.9, "e1", ""),
            new RecognizerResult(PiiType.Email, 43, 48, 0.9, "e2", ""),
        ]);

        Assert.Equal(["b", "x", "e1"], results.Select(r => r.Recognizer));
    }

    [Fact]
    public void Thresholds_apply_before_overlaps_so_a_failing_candidate_hides_nothing()
    {
        var options = new PiiGuardOptions();
        options.Thresholds["account_number"] = 0.99;
        var analyzer = PiiAnalyzer.CreateDefault(options);

        // The account-number candidate (0.8) overlaps nothing else here; with its threshold at 0.99 it is only flagged.
        var result = analyzer.Analyze("from CHK0012345678904821 today");

        Assert.Empty(result.Entities);
        Assert.Equal(PiiType.AccountNumber, Assert.Single(result.Flagged).Type);
    }

    [Fact]
    public void A_ten_digit_external_account_beats_the_phone_reading_of_the_same_digits()
    {
        var result = PiiAnalyzer.CreateDefault().Analyze("ACH from account 2383172295 (routing 305207540) failed");

        Assert.Equal([PiiType.BankAccount, PiiType.BankAccount], result.Entities.Select(e => e.Type));
    }
}
