using BankingLlm.Assistant.Transcripts;
using BankingLlm.Data.Entities;

namespace BankingLlm.Assistant.Tests.Transcripts;

/// <summary>Strict parsing: every problem with its line; good files give the model the engine replays.</summary>
public sealed class TranscriptParserTests
{
    private const string Header = """
        name: t
        given:
          accounts:
            - { type: checking, nickname: Everyday, balance: 1250.00 }
            - { type: savings, balance: 5000.00 }
        turns:

        """;

    private static IReadOnlyList<TranscriptProblem> Problems(string yaml) => TranscriptParser.Parse("t.yaml", yaml).Problems;

    [Theory]
    [InlineData("  - user: hi\n    expect: { tools: [accounts.get_balanse] }\n", 8, "unknown tool 'accounts.get_balanse'")]
    [InlineData("  - user: hi\n    expect: { balances: { checking: lots } }\n", 8, "'lots' is not a number")]
    [InlineData("  - user: hi\n    expect: { balances: { checking: 1.005 } }\n", 8, "at most 2 decimals")]
    [InlineData("  - user: hi\n    expect: { pending: maybe }\n", 8, "pending must be true or false")]
    [InlineData("  - user: hi\n    expect: { pii: [social] }\n", 8, "unknown PII type 'social'")]
    [InlineData("  - user: hi\n    expect: { compliance_events: [ctr_filed] }\n", 8, "unknown compliance event type 'ctr_filed'")]
    [InlineData("  - user: hi\n    expect: { reply_matches: ['(unclosed'] }\n", 8, "is not a .NET regular expression")]
    [InlineData("  - user: hi\n    expect: { reply_contains: { a: b } }\n", 8, "reply_contains is a list of strings")]
    [InlineData("  - user: hi\n    expect: { no_tools: true, tools: [accounts.get_balance] }\n", 8, "no_tools contradicts tools")]
    [InlineData("  - user: hi\n    confirm: last\n", 7, "exactly one of user, confirm, cancel, expire")]
    [InlineData("  - confirm: the-first-one\n", 7, "confirm takes 'last'")]
    [InlineData("  - user: hi\n    expected: { no_tools: true }\n", 8, "unknown key 'expected' in turn 1")]
    [InlineData("  - user: hi\nend: { status: done }\n", 8, "status: 'done' is not one of active | completed | abandoned | flagged")]
    [InlineData("  - user: hi\nend: { audit: { tool_calls_audited: false } }\n", 8, "tool_calls_audited: false is not allowed")]
    public void Each_problem_is_reported_with_its_line(string turns, int line, string message)
    {
        var problem = Assert.Single(Problems(Header + turns));
        Assert.Equal(line, problem.Line);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_problems_in_one_file_are_all_reported()
    {
        var problems = Problems("""
            name: t
            channel: fax
            given:
              customer: { kyc_status: sort_of }
              accounts:
                - { type: chequing, balance: 10.00 }
                - { type: savings, balance: ten }
              transactions:
                - { account: brokerage, amount: 5.00 }
            turns: []
            """);
        Assert.Equal([2, 4, 6, 7, 9, 10], problems.Select(p => p.Line));
    }

    [Fact]
    public void Accounts_resolve_by_nickname_or_unique_type_and_an_ambiguous_type_is_a_problem()
    {
        var parsed = TranscriptParser.Parse("t.yaml", Header + "  - user: hi\n    expect: { balances: { everyday: 1.00, savings: 2.00 } }\n");
        Assert.Empty(parsed.Problems);
        Assert.Equal([0, 1], parsed.Transcript!.Turns[0].Expect.Balances!.Select(b => b.AccountIndex));

        var ambiguous = Problems("""
            given:
              accounts:
                - { type: savings, nickname: Rainy day, balance: 1.00 }
                - { type: savings, nickname: Holiday, balance: 2.00 }
            turns:
              - user: hi
                expect: { balances: { savings: 1.00 } }
            """);
        Assert.Contains("ambiguous", Assert.Single(ambiguous).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_transcript_parses_into_what_the_engine_replays()
    {
        var parsed = TranscriptParser.Parse("t.yaml", """
            name: Voice transfer
            channel: voice
            given:
              customer: { first_name: Bo, last_name: Li, kyc_status: pending, aml_status: flagged }
              accounts:
                - { type: checking, balance: "$1,250.00", status: frozen, number: CHK1234567890123 }
                - { type: credit_card, balance: -20.50, credit_limit: 3000 }
              transactions:
                - { account: checking, type: deposit, amount: 9500, cash: true, days_ago: 1.5 }
              compliance_events:
                - { event_type: sanctions_hit, severity: high, status: open, sar_filed: true }
            turns:
              - user: move twenty dollars
                expect: { forbid_tools: [transfers.*], reply_not_matches: ['(?i)\bsanction'], error: "[invalid_argument]" }
              - confirm: last
              - expire: last
                expect: { pending: false }
            end: { status: completed, resolution: no_action, type: transaction_request, compliance_events: [] }
            """);
        Assert.Empty(parsed.Problems);
        var t = parsed.Transcript!;
        Assert.Equal(ChatChannel.Voice, t.Channel);
        Assert.Equal((KycStatus.Pending, AmlStatus.Flagged), (t.Given.Customer.KycStatus, t.Given.Customer.AmlStatus));
        Assert.Equal((1250m, AccountStatus.Suspended), (t.Given.Accounts[0].Balance, t.Given.Accounts[0].Status));
        Assert.True(t.Given.Transactions[0].Cash);
        Assert.Equal(ComplianceEventType.SanctionsHit, t.Given.ComplianceEvents[0].EventType);
        Assert.Equal("invalid_argument", t.Turns[0].Expect.Error);
        Assert.Equal([TurnKind.User, TurnKind.Confirm, TurnKind.Expire], t.Turns.Select(x => x.Kind));
        Assert.Equal((ResolutionType.NoAction, ConversationType.TransactionRequest), (t.End!.Resolution, t.End.ConversationType));
    }
}
