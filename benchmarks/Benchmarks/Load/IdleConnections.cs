using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;

namespace BankingLlm.Benchmarks.Load;

/// <summary>
/// Server memory per idle connection: the clients run in a child process (this executable, mode idle-clients), so
/// the server process's managed heap and working set before and after they connect count only the server's side.
/// </summary>
public static class IdleConnections
{
    public sealed record Measurement(int Connections, long HeapBytesBefore, long HeapBytesAfter, long WorkingSetBefore, long WorkingSetAfter)
    {
        public double HeapPerConnection => (HeapBytesAfter - HeapBytesBefore) / (double)Connections;

        public double WorkingSetPerConnection => (WorkingSetAfter - WorkingSetBefore) / (double)Connections;
    }

    public static async Task<Measurement> MeasureAsync(Uri baseAddress, string path, string token, int count)
    {
        var (heapBefore, wsBefore) = await SettledMemoryAsync();
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(IdleConnections).Assembly.Location);
        }
        foreach (var a in new[] { "idle-clients", new Uri(baseAddress, path).ToString(), count.ToString(System.Globalization.CultureInfo.InvariantCulture) })
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
            await Task.Delay(TimeSpan.FromSeconds(3));
            var (heapAfter, wsAfter) = await SettledMemoryAsync();
            return new Measurement(count, heapBefore, heapAfter, wsBefore, wsAfter);
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

    private static async Task<(long Heap, long WorkingSet)> SettledMemoryAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            await Task.Delay(200);
        }
        using var self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
    }
}
