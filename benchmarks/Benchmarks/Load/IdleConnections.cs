using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.SignalR.Client;

namespace BankingLlm.Benchmarks.Load;

/// <summary>
/// Server memory per idle connection: the clients run in a child process (this executable, mode idle-clients), so
/// the server process's managed heap and working set before and after they connect count only the server's side.
/// Each reading follows forced, compacting full collections. A .NET client negotiates over an HTTP connection of its
/// own before it opens the WebSocket; the app answers negotiate with Connection: close (HubRequestTrimming), but were
/// that connection kept alive it would stay open until the client's pool closes it (one minute by default), so the
/// first reading (3 s after connecting) counts any such connections, and the idle figure is read once the server's
/// open TCP connections (Kestrel's kestrel.active_connections) are back to one per client.
/// </summary>
public static class IdleConnections
{
    /// <summary>Heap and working set of the server process after forced full collections.</summary>
    public sealed record Reading(long HeapBytes, long WorkingSet);

    public sealed record Measurement(int Connections, Reading Before, Reading Connected, long TcpConnected, Reading Idle, long TcpIdle)
    {
        public double HeapPerConnection => (Idle.HeapBytes - Before.HeapBytes) / (double)Connections;

        public double WorkingSetPerConnection => (Idle.WorkingSet - Before.WorkingSet) / (double)Connections;

        /// <summary>Right after connecting, with any negotiate connections still open.</summary>
        public double HeapPerConnectionWithNegotiate => (Connected.HeapBytes - Before.HeapBytes) / (double)Connections;
    }

    private static readonly TimeSpan NegotiateConnectionsWait = TimeSpan.FromSeconds(150);

    public static async Task<Measurement> MeasureAsync(Uri baseAddress, string path, string token, int count)
    {
        var url = new Uri(baseAddress, path);
        // Warm-up: the first connections JIT-compile and fill the server's caches; that is not per-connection memory.
        await WithClientsAsync(url, token, Math.Min(count, 20), () => Task.CompletedTask);
        await Task.Delay(TimeSpan.FromSeconds(2));

        using var tcp = new OpenTcpConnections();
        var before = await SettledMemoryAsync();
        Measurement? measurement = null;
        await WithClientsAsync(url, token, count, async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            var tcpConnected = tcp.Opened;
            var connected = await SettledMemoryAsync();
            var waited = Stopwatch.StartNew();
            while (tcp.Opened > count && waited.Elapsed < NegotiateConnectionsWait)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            await Task.Delay(TimeSpan.FromSeconds(2));
            measurement = new Measurement(count, before, connected, tcpConnected, await SettledMemoryAsync(), tcp.Opened);
        });
        return measurement!;
    }

    /// <summary>Runs the idle-clients child with <paramref name="count"/> connections open during <paramref name="whileConnected"/>.</summary>
    private static async Task WithClientsAsync(Uri url, string token, int count, Func<Task> whileConnected)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(IdleConnections).Assembly.Location);
        }
        foreach (var a in new[] { "idle-clients", url.ToString(), count.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["BANKINGLLM_LOAD_TOKEN"] = token;
        using var child = Process.Start(psi) ?? throw new InvalidOperationException("the idle-clients process did not start");
        try
        {
            var ready = await child.StandardOutput.ReadLineAsync();
            if (ready != "ready")
            {
                throw new InvalidOperationException($"idle-clients: {ready}");
            }
            await whileConnected();
        }
        finally
        {
            child.StandardInput.Close();
            await child.WaitForExitAsync();
        }
    }

    /// <summary>The child: opens <paramref name="count"/> connections, says "ready", holds them until stdin closes.</summary>
    public static async Task<int> RunClientsAsync(string[] args)
    {
        var url = new Uri(args[0]);
        var count = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var token = Environment.GetEnvironmentVariable("BANKINGLLM_LOAD_TOKEN") ?? "";
        var connections = new List<HubConnection>(count);
        using var gate = new SemaphoreSlim(32);
        var opening = Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var c = LoadHost.Connect(new Uri(url.GetLeftPart(UriPartial.Authority)), url.AbsolutePath, token);
                await c.StartAsync();
                lock (connections)
                {
                    connections.Add(c);
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(opening);
        Console.WriteLine("ready");
        await Console.In.ReadToEndAsync();
        foreach (var c in connections)
        {
            await c.DisposeAsync();
        }
        return 0;
    }

    private static async Task<Reading> SettledMemoryAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            await Task.Delay(200);
        }
        using var self = Process.GetCurrentProcess();
        return new Reading(GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
    }

    /// <summary>The server's TCP connections opened (minus closed) since this was created, from Kestrel's own metric.</summary>
    private sealed class OpenTcpConnections : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _opened;

        public OpenTcpConnections()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Microsoft.AspNetCore.Server.Kestrel" && instrument.Name == "kestrel.active_connections")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, delta, _, _) => Interlocked.Add(ref _opened, delta));
            _listener.Start();
        }

        public long Opened => Interlocked.Read(ref _opened);

        public void Dispose() => _listener.Dispose();
    }
}
