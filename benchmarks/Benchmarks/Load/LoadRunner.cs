using System.Globalization;
using BankingLlm.Assistant.Conversations;
using BankingLlm.Assistant.Hubs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.SignalR.Client;

namespace BankingLlm.Benchmarks.Load;

/// <summary>
/// `load [--sessions N] [--interval S] [--duration S] [--saturate] [--idle N] [--idle-only [--bare [--no-stateful-reconnect]]] [--spans]`:
/// the app on loopback with N seeded customers, one SignalR client and chat session each; turns paced at one per
/// session every S seconds (or, with --saturate, back to back); the same against the echo hub; then the server memory
/// of N idle connections (only that with --idle-only; with --bare, of a bare SignalR server instead of the app, the
/// framework's floor: <see cref="BareHubServer"/>).
/// </summary>
public static class LoadRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sessions = Option(args, "--sessions", 200);
        var interval = Option(args, "--interval", 5.0);
        var duration = Option(args, "--duration", 60.0);
        var idle = Option(args, "--idle", 1000);
        var saturate = args.Contains("--saturate");
        if (sessions < 1 || interval <= 0 || duration <= 0 || idle < 0)
        {
            Console.Error.WriteLine("error: --sessions, --interval and --duration must be positive, --idle zero or more");
            return 2;
        }
        var pace = saturate ? (TimeSpan?)null : TimeSpan.FromSeconds(interval);
        var length = TimeSpan.FromSeconds(duration);

        if (args.Contains("--idle-only") && args.Contains("--bare"))
        {
            await using var bare = await BareHubServer.StartAsync(statefulReconnect: !args.Contains("--no-stateful-reconnect"));
            Report(await IdleConnections.MeasureAsync(bare.BaseAddress, BareHubServer.Path, "", Math.Max(idle, 1)));
            return 0;
        }
        await using var host = await LoadHost.StartAsync();
        if (args.Contains("--idle-only"))
        {
            var customer = await host.SeedCustomersAsync(1);
            await ReportIdleAsync(host, host.TokenFor(customer[0]), Math.Max(idle, 1));
            return 0;
        }
        var customers = await host.SeedCustomersAsync(sessions);
        var tokens = customers.Select(host.TokenFor).ToArray();
        Console.WriteLine($"server {host.BaseAddress} | {sessions} sessions | {(saturate ? "saturating" : $"one turn per session every {interval:0.##} s")} | {duration:0} s per run | {Environment.ProcessorCount} cores");

        var chat = await OpenAsync(host, LoadHost.ChatPath, tokens, startSession: true);
        await TurnLoad.RunAsync(chat, null, TimeSpan.FromSeconds(Math.Min(10, duration / 3)));   // warm-up, not reported
        TurnLoad.Result chatResult;
        string cpu;
        using (var spans = args.Contains("--spans") ? new SpanBreakdown() : null)
        {
            var meter = await CpuMeter.StartAsync(host.ConnectionString);
            chatResult = await TurnLoad.RunAsync(chat, pace, length);
            cpu = meter.Report(chatResult.LatenciesMs.Length);
            spans?.Print(chatResult.LatenciesMs.Length);
        }
        var cacheMemory = HistoryCacheMemory(host);
        await CloseAsync(chat);

        var echo = await OpenAsync(host, EchoHub.Path, tokens, startSession: false);
        await TurnLoad.RunAsync(echo, null, TimeSpan.FromSeconds(Math.Min(5, duration / 3)));
        var echoResult = await TurnLoad.RunAsync(echo, pace, length);
        await CloseAsync(echo);

        Report("chat hub", chatResult);
        Console.WriteLine(cpu);
        Console.WriteLine(cacheMemory);
        Report("echo hub", echoResult);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio chat/echo: p50 {chatResult.P(50) / echoResult.P(50):0.0}x, p99 {chatResult.P(99) / echoResult.P(99):0.0}x, turns/s {chatResult.TurnsPerSecond / echoResult.TurnsPerSecond:0.00}x"));

        if (idle > 0)
        {
            await ReportIdleAsync(host, tokens[0], idle);
        }
        return chatResult.Errors == 0 ? 0 : 1;
    }

    private static async Task ReportIdleAsync(LoadHost host, string token, int idle) =>
        Report(await IdleConnections.MeasureAsync(host.BaseAddress, LoadHost.ChatPath, token, idle));

    private static void Report(IdleConnections.Measurement memory)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"idle connections: {memory.Connections} ({memory.TcpIdle} server TCP connections) | managed heap {memory.HeapPerConnection / 1024:0.0} KB/connection ({memory.Before.HeapBytes / 1048576.0:0.0} -> {memory.Idle.HeapBytes / 1048576.0:0.0} MB) | working set {memory.WorkingSetPerConnection / 1024:0.0} KB/connection ({memory.Before.WorkingSet / 1048576.0:0.0} -> {memory.Idle.WorkingSet / 1048576.0:0.0} MB)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  3 s after connecting, with any negotiate connections still open ({memory.TcpConnected} server TCP connections; the app closes them after the answer): managed heap {memory.HeapPerConnectionWithNegotiate / 1024:0.0} KB/connection"));
    }

    /// <summary>What the history cache holds after the run: the server's heap before and after clearing it.</summary>
    private static string HistoryCacheMemory(LoadHost host)
    {
        var cache = host.Services.GetRequiredService<HistoryCache>();
        var (sessions, messages) = cache.Held;
        var with = GC.GetTotalMemory(forceFullCollection: true);
        cache.Clear();
        var without = GC.GetTotalMemory(forceFullCollection: true);
        return string.Create(CultureInfo.InvariantCulture,
            $"history cache: {sessions} sessions, {messages} messages, {(with - without) / 1048576.0:0.0} MB ({(with - without) / 1024.0 / Math.Max(1, sessions):0} KB per session, {(with - without) / (double)Math.Max(1, messages):0} bytes per message)");
    }

    private static void Report(string name, TurnLoad.Result r)
    {
        var kinds = r.Errors > 0 ? " (" + string.Join(", ", r.ErrorKinds.Select(e => $"{e.Key}: {e.Value}")) + ")" : "";
        var max = r.LatenciesMs.Length > 0 ? r.LatenciesMs[^1] : double.NaN;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {r.LatenciesMs.Length} turns in {r.Elapsed.TotalSeconds:0.0} s = {r.TurnsPerSecond:0.0} turns/s | p50 {r.P(50):0.0} ms | p95 {r.P(95):0.0} ms | p99 {r.P(99):0.0} ms | max {max:0.0} ms | errors {r.Errors}{kinds}"));
    }

    private static async Task<List<TurnLoad.Session>> OpenAsync(LoadHost host, string path, IReadOnlyList<string> tokens, bool startSession)
    {
        var sessions = new TurnLoad.Session[tokens.Count];
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(tokens.Select(async (token, i) =>
        {
            await gate.WaitAsync();
            try
            {
                var connection = host.Connect(path, token);
                await connection.StartAsync();
                var id = startSession
                    ? (await connection.InvokeAsync<StartSessionResponse>("StartSession", new StartSessionRequest("web", "load", "en"))).SessionId
                    : Guid.NewGuid();
                sessions[i] = new TurnLoad.Session(connection, id);
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. sessions];
    }

    private static async Task CloseAsync(IEnumerable<TurnLoad.Session> sessions)
    {
        foreach (var s in sessions)
        {
            await s.Connection.DisposeAsync();
        }
    }

    private static T Option<T>(string[] args, string name, T fallback) where T : IParsable<T>
    {
        var i = Array.IndexOf(args, name);
        if (i < 0)
        {
            return fallback;
        }
        if (i + 1 >= args.Length || !T.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value))
        {
            throw new ArgumentException($"{name} needs a number");
        }
        return value;
    }
}
