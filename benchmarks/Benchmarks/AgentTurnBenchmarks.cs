using BankingLlm.Assistant.Agent.Offline;
using BankingLlm.Assistant.Agent.Prompts;
using BenchmarkDotNet.Attributes;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace BankingLlm.Benchmarks;

/// <summary>
/// The offline model's share of an agent turn, without the database: plan the turn (classify, extract, slot-fill,
/// emit the function call), then phrase the reply from the tool's JSON result. Two model rounds, as a real turn has.
/// Run: dotnet run -c Release --project benchmarks/Benchmarks -- --filter *AgentTurn*
/// </summary>
[MemoryDiagnoser]
public class AgentTurnBenchmarks
{
    private PromptCatalog _prompts = null!;
    private ChatHistory _history = null!;
    private readonly string[] _nicknames = ["Everyday", "Rainy Day"];

    [Params("What's my checking balance?", "Move $200 from checking to savings", "show my transactions from last week over $50")]
    public string Message { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _prompts = PromptCatalog.Load(Path.Combine(AppContext.BaseDirectory, "prompts"));
        _history = new ChatHistory("system prompt");
        for (var i = 0; i < 10; i++)
        {
            _history.AddUserMessage("hello");
            _history.AddAssistantMessage("Hello! How can I help?");
        }
        // Warm the recognizers once, as the host does at start.
        Turn();
    }

    [Benchmark]
    public string Turn()
    {
        // A fresh model per turn: the extractor's memo starts empty, as it is for a message never seen before.
        var model = new OfflineChatCompletionService(new OfflinePlanner(new EntityExtractor(TimeProvider.System), _prompts), new OfflineReplyWriter(_prompts));
        var history = new ChatHistory(_history) { };
        history.AddUserMessage(Message);
        var first = model.Respond(history, _nicknames);
        history.Add(first);
        foreach (var call in first.Items.OfType<FunctionCallContent>().ToList())
        {
            history.Add(new ChatMessageContent(AuthorRole.Tool, [new FunctionResultContent(call, ResultFor(call.FunctionName))]));
        }
        return first.Items.OfType<FunctionCallContent>().Any() ? model.Respond(history, _nicknames).Content ?? "" : first.Content ?? "";
    }

    private static string ResultFor(string function) => function switch
    {
        "get_balance" => """{"account":"Everyday checking ending 4821","balance":1250.00,"available_balance":1200.00,"pending_balance":-50.00,"currency":"USD"}""",
        "prepare_transfer" => """{"action_id":"0b9c4f4e-3d55-4b7e-9a51-2a0c1d2e3f40","kind":"internal_transfer","status":"awaiting_confirmation","summary":"Move $200.00 from checking ending 4821 to savings ending 9910.","amount":200.00,"requires_confirmation":true}""",
        _ => """{"transactions":[{"date":"2026-11-20T10:00:00Z","merchant":"Whole Foods Market","amount":84.12,"direction":"out","status":"completed"},{"date":"2026-11-19T08:00:00Z","merchant":"Shell","amount":61.00,"direction":"out","status":"completed"}]}""",
    };
}
