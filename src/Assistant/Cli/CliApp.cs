using System.CommandLine;
using BankingLlm.Assistant.Hosting;

namespace BankingLlm.Assistant.Cli;

/// <summary>The verbs of the Assistant executable. No verb means `serve`.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("BankingLlm: a conversational banking assistant backend. With no verb, serves the assistant.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        var serve = new Command("serve", "Serve the assistant (default). Starts a private PostgreSQL when ConnectionStrings__Banking is not set, migrates it and seeds demo data. Extra arguments go to ASP.NET Core, e.g. --urls http://127.0.0.1:5080.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.SetAction((result, ct) => ServeAsync(result.UnmatchedTokens.ToArray(), ct));
        root.SetAction(async (result, ct) =>
        {
            // Unknown words are a mistyped verb, not host arguments: say so rather than start serving.
            if (result.UnmatchedTokens.Count > 0 && result.UnmatchedTokens[0] is var unknown && !unknown.StartsWith('-'))
            {
                await Console.Error.WriteLineAsync($"error: unknown verb '{unknown}'. Verbs: {string.Join(", ", root.Subcommands.Select(c => c.Name))}. See --help.");
                return 1;
            }
            return await ServeAsync([.. result.UnmatchedTokens], ct);
        });
        root.Subcommands.Add(serve);
        root.Subcommands.Add(DbCommands.Create());
        root.Subcommands.Add(KeysCommands.Create());
        root.Subcommands.Add(TokensCommands.Create());
        root.Subcommands.Add(StaffCommands.Create());
        root.Subcommands.Add(PiiCommands.Create());
        root.Subcommands.Add(ChatCommands.Create());
        root.Subcommands.Add(VoiceCommands.Create());
        root.Subcommands.Add(AuditCommands.Create());
        root.Subcommands.Add(ComplianceCommands.Create());
        root.Subcommands.Add(RetentionCommands.Create());
        root.Subcommands.Add(CustomersCommands.Create());
        root.Subcommands.Add(ReplayCommands.Create());
        root.Subcommands.Add(TranscriptsCommands.Create());
        return await root.Parse(args).InvokeAsync();
    }

    private static Task<int> ServeAsync(string[] hostArgs, CancellationToken ct) =>
        CliErrors.RunAsync(async () =>
        {
            await using var app = await AssistantHost.BuildAsync(hostArgs, ct);
            await app.RunAsync(ct);
            return 0;
        });
}
