using System.CommandLine;
using BankingLlm.Assistant.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace BankingLlm.Assistant.Cli;

/// <summary>
/// `chat --server URL --token JWT`: a terminal client of /hubs/chat. Each line is a message; replies stream as they
/// arrive. `/confirm` and `/cancel` settle the pending action, `/quit` ends the session.
/// </summary>
public static class ChatCommands
{
    public static Command Create()
    {
        var server = new Option<string>("--server") { Description = "The assistant's address.", DefaultValueFactory = _ => "http://localhost:5000" };
        var token = new Option<string?>("--token") { Description = "A customer JWT (see `tokens issue`); or set BANKINGLLM_TOKEN." };
        var channel = new Option<string>("--channel") { Description = "web, mobile, api or voice.", DefaultValueFactory = _ => "web" };
        var chat = new Command("chat", "Chat with the assistant in the terminal (/confirm, /cancel, /quit).") { server, token, channel };
        chat.SetAction((result, ct) => CliErrors.RunAsync(async () =>
        {
            if (!Uri.TryCreate(result.GetValue(server), UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            {
                await Console.Error.WriteLineAsync("error: --server must be an http(s) address, e.g. http://localhost:5000.");
                return 1;
            }
            var jwt = result.GetValue(token) ?? Environment.GetEnvironmentVariable("BANKINGLLM_TOKEN");
            if (string.IsNullOrWhiteSpace(jwt))
            {
                await Console.Error.WriteLineAsync("error: give --token (from `tokens issue --customer ID`) or set BANKINGLLM_TOKEN.");
                return 1;
            }
            await using var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(address, ChatHub.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(jwt))
                .WithStatefulReconnect()
                .WithAutomaticReconnect()
                .Build();
            hub.On<Guid, string>(nameof(IChatClient.StaffMessage), (_, text) => Console.WriteLine($"[staff] {text}"));
            hub.On<Guid, string>(nameof(IChatClient.Handoff), (_, state) => Console.WriteLine($"[handoff: {state}]"));
            try
            {
                await hub.StartAsync(ct);
            }
            catch (HttpRequestException ex)
            {
                await Console.Error.WriteLineAsync($"error: cannot connect to {address}: {ex.Message}");
                return 3;
            }
            var session = await hub.InvokeAsync<StartSessionResponse>("StartSession", new StartSessionRequest(result.GetValue(channel)!, "terminal"), ct);
            Console.WriteLine("Connected. Type a message; /confirm, /cancel, /quit.");
            PendingActionDto? pending = null;
            string? line;
            while ((line = await Console.In.ReadLineAsync(ct)) is not null)
            {
                line = line.Trim();
                if (line.Length == 0)
                {
                    continue;
                }
                if (line == "/quit")
                {
                    break;
                }
                try
                {
                    var stream = line switch
                    {
                        "/confirm" when pending is not null => hub.StreamAsync<ChatChunk>("ConfirmAction", session.SessionId, pending.ActionId, ct),
                        "/cancel" when pending is not null => hub.StreamAsync<ChatChunk>("CancelAction", session.SessionId, pending.ActionId, ct),
                        _ => hub.StreamAsync<ChatChunk>("SendMessage", session.SessionId, line, ct),
                    };
                    await foreach (var chunk in stream)
                    {
                        if (chunk.Kind == "delta")
                        {
                            Console.Write(chunk.Text);
                        }
                        else
                        {
                            pending = chunk.PendingAction;
                            Console.WriteLine();
                            if (pending is not null)
                            {
                                Console.WriteLine($"(pending: {pending.Summary} /confirm or /cancel)");
                            }
                        }
                    }
                }
                catch (Microsoft.AspNetCore.SignalR.HubException ex)
                {
                    Console.WriteLine($"! {HubErrors.CodeOf(ex.Message) ?? "error"}");
                }
            }
            await hub.InvokeAsync<EndSessionResponse>("EndSession", session.SessionId, "resolved", ct);
            return 0;
        }));
        return chat;
    }
}
