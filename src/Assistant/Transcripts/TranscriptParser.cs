using System.Globalization;
using System.Text.RegularExpressions;
using BankingLlm.Data.Entities;
using BankingLlm.PiiGuard;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BankingLlm.Assistant.Transcripts;

/// <summary>
/// Reads a transcript strictly: every key must be known, every value of the right type, every account reference
/// must name a given account. All problems of a file are reported (file and line), not only the first.
/// </summary>
public sealed class TranscriptParser
{
    private static readonly string[] TopKeys = ["name", "channel", "given", "turns", "end", "description", "tags"];
    private static readonly string[] GivenKeys = ["customer", "accounts", "transactions", "compliance_events"];
    private static readonly string[] CustomerKeys = ["first_name", "last_name", "kyc_status", "aml_status", "status", "pep_status", "risk_level", "email", "phone", "ssn", "street_address", "city", "state", "postal_code"];
    private static readonly string[] AccountKeys = ["type", "nickname", "balance", "available_balance", "number", "status", "interest_rate", "credit_limit", "overdraft_protection", "opened_days_ago"];
    private static readonly string[] TransactionKeys = ["account", "type", "amount", "merchant", "days_ago", "description", "status", "merchant_category_code", "cash", "counterparty"];
    private static readonly string[] EventKeys = ["event_type", "severity", "status", "sar_filed", "account", "days_ago", "description"];
    private static readonly string[] TurnKeys = ["user", "confirm", "cancel", "expire", "expect"];
    private static readonly string[] ExpectKeys = ["tools", "tools_exact", "no_tools", "forbid_tools", "reply_contains", "reply_not_contains", "reply_matches", "reply_not_matches", "pii", "masked", "balances", "pending", "compliance_events", "error"];
    private static readonly string[] EndKeys = ["status", "resolution", "type", "audit", "balances", "compliance_events"];
    private static readonly string[] AuditKeys = ["tool_calls_audited"];

    private readonly List<TranscriptProblem> _problems = [];
    private readonly string _file;

    private TranscriptParser(string file) => _file = file;

    /// <summary>Parses a file; a file that cannot be read is a problem too.</summary>
    public static TranscriptParseResult ParseFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new TranscriptParseResult(null, [new TranscriptProblem(path, 0, $"cannot read the file: {ex.Message}")]);
        }
        return Parse(path, text);
    }

    public static TranscriptParseResult Parse(string file, string yaml)
    {
        var parser = new TranscriptParser(file);
        var transcript = parser.Read(yaml);
        return parser._problems.Count > 0 ? new TranscriptParseResult(null, parser._problems) : new TranscriptParseResult(transcript, []);
    }

    private Transcript? Read(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            Problem((int)ex.Start.Line, $"not valid YAML: {Clean(ex.Message)}");
            return null;
        }
        if (stream.Documents.Count != 1)
        {
            Problem(1, stream.Documents.Count == 0 ? "the file is empty" : "one transcript per file (found several YAML documents)");
            return null;
        }
        if (Mapping(stream.Documents[0].RootNode, "the transcript") is not { } root)
        {
            return null;
        }
        CheckKeys(root, TopKeys, "the transcript");
        var name = Text(Get(root, "name"), "name") ?? Path.GetFileNameWithoutExtension(_file);
        var channel = ChatChannel.Web;
        if (Get(root, "channel") is { } channelNode)
        {
            channel = EnumValue<ChatChannel>(channelNode, "channel") ?? channel;
        }

        var accounts = new List<GivenAccount>();
        var given = ReadGiven(Get(root, "given"), accounts);
        var turns = new List<TranscriptTurn>();
        if (Get(root, "turns") is not { } turnsNode)
        {
            Problem((int)root.Start.Line, "'turns' is missing: a transcript needs at least one turn");
        }
        else if (Sequence(turnsNode, "turns") is { } list)
        {
            if (list.Children.Count == 0)
            {
                Problem((int)list.Start.Line, "'turns' is empty: a transcript needs at least one turn");
            }
            foreach (var node in list.Children)
            {
                if (ReadTurn(node, turns.Count + 1, accounts) is { } turn)
                {
                    turns.Add(turn);
                }
            }
        }
        var end = Get(root, "end") is { } endNode ? ReadEnd(endNode, accounts) : null;
        return new Transcript(_file, name, channel, given, turns, end);
    }

    private TranscriptGiven ReadGiven(YamlNode? node, List<GivenAccount> accounts)
    {
        var customer = new GivenCustomer("Alice", "Moreno", KycStatus.Approved, AmlStatus.Clear, CustomerStatus.Active, null, null, null, null, null, null, null, null, null);
        var transactions = new List<GivenTransaction>();
        var events = new List<GivenComplianceEvent>();
        if (node is null || Mapping(node, "given") is not { } given)
        {
            return new TranscriptGiven(customer, accounts, transactions, events);
        }
        CheckKeys(given, GivenKeys, "given");
        if (Get(given, "customer") is { } c && Mapping(c, "given.customer") is { } cm)
        {
            CheckKeys(cm, CustomerKeys, "given.customer");
            customer = new GivenCustomer(
                Text(Get(cm, "first_name"), "first_name") ?? customer.FirstName,
                Text(Get(cm, "last_name"), "last_name") ?? customer.LastName,
                OptionalEnum<KycStatus>(cm, "kyc_status") ?? KycStatus.Approved,
                OptionalEnum<AmlStatus>(cm, "aml_status") ?? AmlStatus.Clear,
                OptionalEnum<CustomerStatus>(cm, "status") ?? CustomerStatus.Active,
                OptionalEnum<PepStatus>(cm, "pep_status"),
                OptionalEnum<RiskLevel>(cm, "risk_level"),
                Text(Get(cm, "email"), "email"),
                Text(Get(cm, "phone"), "phone"),
                Text(Get(cm, "ssn"), "ssn"),
                Text(Get(cm, "street_address"), "street_address"),
                Text(Get(cm, "city"), "city"),
                Text(Get(cm, "state"), "state"),
                Text(Get(cm, "postal_code"), "postal_code"));
        }
        if (Get(given, "accounts") is { } a && Sequence(a, "given.accounts") is { } list)
        {
            foreach (var item in list.Children)
            {
                if (Mapping(item, "an account") is not { } am)
                {
                    continue;
                }
                CheckKeys(am, AccountKeys, "an account");
                if (Get(am, "type") is null)
                {
                    Problem((int)am.Start.Line, $"an account needs a type ({EnumNames.Choices<AccountType>()})");
                    continue;
                }
                var type = EnumValue<AccountType>(Get(am, "type")!, "type");
                var statusNode = Get(am, "status");
                AccountStatus status = AccountStatus.Active;
                if (statusNode is not null)
                {
                    // "frozen" is how QA says it; the data model calls it suspended.
                    status = string.Equals(Text(statusNode, "status"), "frozen", StringComparison.OrdinalIgnoreCase) ? AccountStatus.Suspended : EnumValue<AccountStatus>(statusNode, "status") ?? status;
                }
                var number = Text(Get(am, "number"), "number");
                if (number is not null && !Data.Validation.AccountNumberValidator.IsValid(number))
                {
                    Problem(Get(am, "number")!.Start.Line, "number must be 16 to 20 letters and digits (the seed's rule)");
                }
                if (type is null)
                {
                    continue;
                }
                var nickname = Text(Get(am, "nickname"), "nickname");
                if (nickname is not null && accounts.Any(x => string.Equals(x.Nickname, nickname, StringComparison.OrdinalIgnoreCase)))
                {
                    Problem((int)am.Start.Line, $"two accounts are nicknamed '{nickname}'");
                }
                accounts.Add(new GivenAccount((int)am.Start.Line, type.Value, nickname, Money(Get(am, "balance"), "balance", allowNegative: type is AccountType.CreditCard or AccountType.Loan) ?? 0m,
                    Money(Get(am, "available_balance"), "available_balance", allowNegative: true), number, status,
                    Number(Get(am, "interest_rate"), "interest_rate"), Money(Get(am, "credit_limit"), "credit_limit"),
                    Bool(Get(am, "overdraft_protection"), "overdraft_protection"), Int(Get(am, "opened_days_ago"), "opened_days_ago")));
            }
        }
        if (Get(given, "transactions") is { } t && Sequence(t, "given.transactions") is { } tl)
        {
            foreach (var item in tl.Children)
            {
                if (Mapping(item, "a transaction") is not { } tm)
                {
                    continue;
                }
                CheckKeys(tm, TransactionKeys, "a transaction");
                var account = Get(tm, "account") is { } an ? AccountRef(an, accounts) : SingleAccount(tm, accounts);
                var type = Get(tm, "type") is { } tn ? EnumValue<TransactionType>(tn, "type") : TransactionType.Debit;
                var amount = Money(Get(tm, "amount"), "amount");
                if (amount is null)
                {
                    if (Get(tm, "amount") is null)
                    {
                        Problem((int)tm.Start.Line, "a transaction needs an amount");
                    }
                    continue;
                }
                if (amount <= 0)
                {
                    Problem(Get(tm, "amount")!.Start.Line, "amount must be positive (the type says which way the money went)");
                }
                if (account is null || type is null)
                {
                    continue;
                }
                transactions.Add(new GivenTransaction((int)tm.Start.Line, account.Value, type.Value, amount.Value, Text(Get(tm, "merchant"), "merchant"),
                    Number(Get(tm, "days_ago"), "days_ago", allowNegative: false) ?? 0m, Text(Get(tm, "description"), "description"),
                    OptionalEnum<TransactionStatus>(tm, "status") ?? TransactionStatus.Completed, Text(Get(tm, "merchant_category_code"), "merchant_category_code"),
                    Bool(Get(tm, "cash"), "cash") ?? false, Text(Get(tm, "counterparty"), "counterparty")));
            }
        }
        if (Get(given, "compliance_events") is { } e && Sequence(e, "given.compliance_events") is { } el)
        {
            foreach (var item in el.Children)
            {
                if (Mapping(item, "a compliance event") is not { } em)
                {
                    continue;
                }
                CheckKeys(em, EventKeys, "a compliance event");
                if (Get(em, "event_type") is not { } typeNode)
                {
                    Problem((int)em.Start.Line, $"a compliance event needs an event_type ({EnumNames.Choices<ComplianceEventType>()})");
                    continue;
                }
                var type = EnumValue<ComplianceEventType>(typeNode, "event_type");
                int? account = Get(em, "account") is { } an ? AccountRef(an, accounts) : null;
                if (type is null)
                {
                    continue;
                }
                events.Add(new GivenComplianceEvent((int)em.Start.Line, type.Value, OptionalEnum<ComplianceSeverity>(em, "severity") ?? ComplianceSeverity.Medium,
                    OptionalEnum<ComplianceStatus>(em, "status") ?? ComplianceStatus.Open, Bool(Get(em, "sar_filed"), "sar_filed") ?? false, account,
                    Number(Get(em, "days_ago"), "days_ago", allowNegative: false) ?? 0m, Text(Get(em, "description"), "description")));
            }
        }
        return new TranscriptGiven(customer, accounts, transactions, events);
    }

    private int? SingleAccount(YamlMappingNode node, List<GivenAccount> accounts)
    {
        if (accounts.Count == 1)
        {
            return 0;
        }
        Problem((int)node.Start.Line, "a transaction needs 'account' (a type or nickname of a given account)");
        return null;
    }

    private TranscriptTurn? ReadTurn(YamlNode node, int number, List<GivenAccount> accounts)
    {
        if (Mapping(node, $"turn {number}") is not { } map)
        {
            return null;
        }
        CheckKeys(map, TurnKeys, $"turn {number}");
        var kinds = new[] { ("user", TurnKind.User), ("confirm", TurnKind.Confirm), ("cancel", TurnKind.Cancel), ("expire", TurnKind.Expire) }
            .Where(k => Get(map, k.Item1) is not null).ToList();
        if (kinds.Count != 1)
        {
            Problem((int)map.Start.Line, $"turn {number} must have exactly one of user, confirm, cancel, expire");
            return null;
        }
        var (key, kind) = kinds[0];
        var value = Text(Get(map, key), key);
        if (value is null)
        {
            return null;
        }
        if (kind == TurnKind.User && string.IsNullOrWhiteSpace(value))
        {
            // An empty message is a legitimate test of the hub's [invalid_argument]; keep it.
            value = "";
        }
        if (kind != TurnKind.User && value != "last" && !Guid.TryParse(value, out _))
        {
            Problem(Get(map, key)!.Start.Line, $"{key} takes 'last' (the session's pending action) or an action id");
            return null;
        }
        var expect = Get(map, "expect") is { } e ? ReadExpect(e, accounts) : new TurnExpectation();
        return new TranscriptTurn(number, (int)map.Start.Line, kind, kind == TurnKind.User ? value : null, kind == TurnKind.User ? null : value, expect);
    }

    private TurnExpectation ReadExpect(YamlNode node, List<GivenAccount> accounts)
    {
        if (Mapping(node, "expect") is not { } map)
        {
            return new TurnExpectation();
        }
        foreach (var (k, _) in map.Children)
        {
            if (k is YamlScalarNode s && !ExpectKeys.Contains(s.Value, StringComparer.Ordinal))
            {
                Problem((int)k.Start.Line, $"unknown assertion '{s.Value}'; known: {string.Join(", ", ExpectKeys)}");
            }
        }
        var lines = map.Children.Where(c => c.Key is YamlScalarNode).ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (int)c.Key.Start.Line, StringComparer.Ordinal);
        var tools = Get(map, "tools") is { } tn ? ToolList(tn, "tools", allowWildcards: false) : null;
        var toolsExact = Bool(Get(map, "tools_exact"), "tools_exact") ?? false;
        if (toolsExact && tools is null)
        {
            Problem(lines["tools_exact"], "tools_exact needs tools");
        }
        var noTools = Bool(Get(map, "no_tools"), "no_tools") ?? false;
        if (noTools && tools is { Count: > 0 })
        {
            Problem(lines["no_tools"], "no_tools contradicts tools");
        }
        var pii = Get(map, "pii") is { } pn ? Strings(pn, "pii") : null;
        foreach (var type in pii ?? [])
        {
            if (!PiiTypeNames.TryParseWireName(type, out _))
            {
                Problem(lines["pii"], $"unknown PII type '{type}'; known: {string.Join(", ", PiiTypeNames.All.Select(t => t.ToWireName()))}");
            }
        }
        List<ComplianceEventType>? events = null;
        if (Get(map, "compliance_events") is { } en)
        {
            events = EventTypes(en);
        }
        var error = Text(Get(map, "error"), "error");
        if (error is not null)
        {
            error = error.Trim('[', ']');
            if (!Regex.IsMatch(error, "^[a-z_]+$"))
            {
                Problem(lines["error"], "error is a hub error code such as invalid_argument or [message_too_large]");
            }
        }
        return new TurnExpectation
        {
            Tools = tools,
            ToolsExact = toolsExact,
            NoTools = noTools,
            ForbidTools = Get(map, "forbid_tools") is { } fn ? ToolList(fn, "forbid_tools", allowWildcards: true) : null,
            ReplyContains = Get(map, "reply_contains") is { } rc ? Strings(rc, "reply_contains") : null,
            ReplyNotContains = Get(map, "reply_not_contains") is { } rnc ? Strings(rnc, "reply_not_contains") : null,
            ReplyMatches = Get(map, "reply_matches") is { } rm ? Regexes(rm, "reply_matches") : null,
            ReplyNotMatches = Get(map, "reply_not_matches") is { } rnm ? Regexes(rnm, "reply_not_matches") : null,
            Pii = pii,
            Masked = Text(Get(map, "masked"), "masked"),
            Balances = Get(map, "balances") is { } bn ? Balances(bn, accounts) : null,
            Pending = Bool(Get(map, "pending"), "pending"),
            ComplianceEvents = events,
            Error = error,
            Lines = lines,
        };
    }

    private EndExpectation? ReadEnd(YamlNode node, List<GivenAccount> accounts)
    {
        if (Mapping(node, "end") is not { } map)
        {
            return null;
        }
        CheckKeys(map, EndKeys, "end");
        bool? audited = null;
        if (Get(map, "audit") is { } an && Mapping(an, "end.audit") is { } am)
        {
            CheckKeys(am, AuditKeys, "end.audit");
            audited = Bool(Get(am, "tool_calls_audited"), "tool_calls_audited");
            if (audited == false)
            {
                Problem((int)am.Start.Line, "tool_calls_audited: false is not allowed: every replay checks that each tool call is audited once");
            }
        }
        return new EndExpectation((int)map.Start.Line, OptionalEnum<SessionStatus>(map, "status"), OptionalEnum<ResolutionType>(map, "resolution"),
            OptionalEnum<ConversationType>(map, "type"), audited,
            Get(map, "balances") is { } bn ? Balances(bn, accounts) : null,
            Get(map, "compliance_events") is { } en ? EventTypes(en) : null);
    }

    private List<ComplianceEventType>? EventTypes(YamlNode node)
    {
        if (Strings(node, "compliance_events") is not { } names)
        {
            return null;
        }
        var list = new List<ComplianceEventType>();
        foreach (var name in names)
        {
            if (EnumNames.TryParse<ComplianceEventType>(name, out var type))
            {
                list.Add(type);
            }
            else
            {
                Problem((int)node.Start.Line, $"unknown compliance event type '{name}'; known: {EnumNames.Choices<ComplianceEventType>()}");
            }
        }
        return list;
    }

    private List<BalanceExpectation>? Balances(YamlNode node, List<GivenAccount> accounts)
    {
        if (Mapping(node, "balances") is not { } map)
        {
            return null;
        }
        var list = new List<BalanceExpectation>();
        foreach (var (k, v) in map.Children)
        {
            var reference = (k as YamlScalarNode)?.Value ?? "";
            var index = AccountRef(k, accounts);
            var amount = Money(v, $"balances.{reference}", allowNegative: true);
            if (index is not null && amount is not null)
            {
                list.Add(new BalanceExpectation(reference, index.Value, amount.Value));
            }
        }
        return list;
    }

    /// <summary>An account by nickname (case-insensitive) or, when only one account has it, by type.</summary>
    private int? AccountRef(YamlNode node, List<GivenAccount> accounts)
    {
        var reference = Text(node, "account");
        if (reference is null)
        {
            return null;
        }
        var byNickname = accounts.FindIndex(a => string.Equals(a.Nickname, reference, StringComparison.OrdinalIgnoreCase));
        if (byNickname >= 0)
        {
            return byNickname;
        }
        if (EnumNames.TryParse<AccountType>(reference, out var type) || (reference.Equals("card", StringComparison.OrdinalIgnoreCase) && (type = AccountType.CreditCard) == AccountType.CreditCard))
        {
            var matches = accounts.Select((a, i) => (a, i)).Where(x => x.a.Type == type).ToList();
            if (matches.Count == 1)
            {
                return matches[0].i;
            }
            if (matches.Count > 1)
            {
                Problem((int)node.Start.Line, $"account '{reference}' is ambiguous: {matches.Count} {EnumNames.ToSnake(type)} accounts are given; use a nickname");
                return null;
            }
        }
        var known = accounts.Count == 0 ? "none are given" : "given: " + string.Join(", ", accounts.Select(a => a.Nickname is null ? EnumNames.ToSnake(a.Type) : $"{EnumNames.ToSnake(a.Type)} \"{a.Nickname}\""));
        Problem((int)node.Start.Line, $"unknown account reference '{reference}' ({known})");
        return null;
    }

    private List<string>? ToolList(YamlNode node, string key, bool allowWildcards)
    {
        if (Strings(node, key) is not { } names)
        {
            return null;
        }
        foreach (var name in names)
        {
            var known = ToolCatalog.All.Contains(name)
                || (allowWildcards && name.EndsWith(".*", StringComparison.Ordinal) && ToolCatalog.Plugins.Contains(name[..^2]));
            if (!known)
            {
                Problem((int)node.Start.Line, $"unknown tool '{name}' in {key}; known: {string.Join(", ", ToolCatalog.All.Order(StringComparer.Ordinal))}{(allowWildcards ? " or plugin.*" : "")}");
            }
        }
        return names;
    }

    private List<Regex>? Regexes(YamlNode node, string key)
    {
        if (Strings(node, key) is not { } patterns)
        {
            return null;
        }
        var list = new List<Regex>();
        foreach (var pattern in patterns)
        {
            try
            {
                list.Add(new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            }
            catch (ArgumentException ex)
            {
                Problem((int)node.Start.Line, $"{key}: '{pattern}' is not a .NET regular expression: {ex.Message}");
            }
        }
        return list;
    }

    /// <summary>A list of strings; a single string is a list of one.</summary>
    private List<string>? Strings(YamlNode node, string key)
    {
        switch (node)
        {
            case YamlScalarNode s when !IsNull(s):
                return [s.Value ?? ""];
            case YamlScalarNode:
                return [];
            case YamlSequenceNode seq:
                var list = new List<string>();
                foreach (var item in seq.Children)
                {
                    if (item is YamlScalarNode si)
                    {
                        list.Add(si.Value ?? "");
                    }
                    else
                    {
                        Problem((int)item.Start.Line, $"{key} is a list of strings");
                    }
                }
                return list;
            default:
                Problem((int)node.Start.Line, $"{key} is a list of strings, e.g. [a, b]");
                return null;
        }
    }

    private T? OptionalEnum<T>(YamlMappingNode map, string key) where T : struct, Enum =>
        Get(map, key) is { } node ? EnumValue<T>(node, key) : null;

    private T? EnumValue<T>(YamlNode node, string key) where T : struct, Enum
    {
        var text = Text(node, key);
        if (text is null)
        {
            return null;
        }
        if (EnumNames.TryParse<T>(text, out var value) && !int.TryParse(text, out _))
        {
            return value;
        }
        Problem((int)node.Start.Line, $"{key}: '{text}' is not one of {EnumNames.Choices<T>()}");
        return null;
    }

    private string? Text(YamlNode? node, string key)
    {
        if (node is null)
        {
            return null;
        }
        if (node is YamlScalarNode s)
        {
            return s.Value ?? "";
        }
        Problem((int)node.Start.Line, $"{key} must be a single value, not a {(node is YamlSequenceNode ? "list" : "mapping")}");
        return null;
    }

    private decimal? Money(YamlNode? node, string key, bool allowNegative = false)
    {
        var value = Number(node, key, allowNegative);
        if (value is not null && decimal.Round(value.Value, 2) != value.Value)
        {
            Problem((int)node!.Start.Line, $"{key}: money has at most 2 decimals");
            return null;
        }
        return value;
    }

    private decimal? Number(YamlNode? node, string key, bool allowNegative = true)
    {
        var text = Text(node, key);
        if (text is null)
        {
            return null;
        }
        // QA may write 1,250.00 or $1,250.00 as they read it on a statement.
        var cleaned = text.Replace(",", "", StringComparison.Ordinal).Replace("$", "", StringComparison.Ordinal).Trim();
        if (!decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            Problem((int)node!.Start.Line, $"{key}: '{text}' is not a number");
            return null;
        }
        if (!allowNegative && value < 0)
        {
            Problem((int)node!.Start.Line, $"{key} cannot be negative");
            return null;
        }
        return value;
    }

    private int? Int(YamlNode? node, string key)
    {
        var value = Number(node, key, allowNegative: false);
        if (value is not null && value != decimal.Truncate(value.Value))
        {
            Problem((int)node!.Start.Line, $"{key} must be a whole number");
            return null;
        }
        return value is null ? null : (int)value.Value;
    }

    private bool? Bool(YamlNode? node, string key)
    {
        var text = Text(node, key);
        if (text is null)
        {
            return null;
        }
        if (bool.TryParse(text, out var value))
        {
            return value;
        }
        Problem((int)node!.Start.Line, $"{key} must be true or false, not '{text}'");
        return null;
    }

    private YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode map)
        {
            return map;
        }
        Problem((int)node.Start.Line, $"{what} must be a mapping (key: value lines)");
        return null;
    }

    private YamlSequenceNode? Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode seq)
        {
            return seq;
        }
        if (node is YamlScalarNode s && IsNull(s))
        {
            return new YamlSequenceNode();
        }
        Problem((int)node.Start.Line, $"{what} must be a list (lines starting with '- ')");
        return null;
    }

    private void CheckKeys(YamlMappingNode map, string[] allowed, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (k, _) in map.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                Problem((int)k.Start.Line, $"unknown key '{name}' in {where}; allowed: {string.Join(", ", allowed)}");
            }
            else if (!seen.Add(name))
            {
                Problem((int)k.Start.Line, $"'{name}' appears twice in {where}");
            }
        }
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key).Value;

    private static bool IsNull(YamlScalarNode s) =>
        s.Style == YamlDotNet.Core.ScalarStyle.Plain && (string.IsNullOrEmpty(s.Value) || s.Value is "~" or "null");

    private static string Clean(string message) => message.Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private void Problem(long line, string message) => _problems.Add(new TranscriptProblem(_file, (int)line, message));
}

/// <summary>A parsed transcript, or why it could not be parsed.</summary>
public sealed record TranscriptParseResult(Transcript? Transcript, IReadOnlyList<TranscriptProblem> Problems);
