using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace BankingLlm.Benchmarks.Load;

/// <summary>
/// CPU time spent during a run, split into this process (the app and the load clients) and the PostgreSQL cluster
/// (its postmaster with every backend, live or exited). Per turn, this is the cost that decides saturation
/// throughput on a fixed number of cores, and unlike latency it barely moves when other work shares the machine.
/// Linux only (reads /proc); elsewhere the PostgreSQL share reads as zero.
/// </summary>
public sealed class CpuMeter
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly int _postmaster;
    private readonly TimeSpan _processStart;
    private readonly double _postgresStart;

    private CpuMeter(int postmaster)
    {
        _postmaster = postmaster;
        _processStart = Process.GetCurrentProcess().TotalProcessorTime;
        _postgresStart = PostgresSeconds(postmaster);
    }

    /// <summary>Starts measuring; finds the cluster's postmaster as the parent of a backend of <paramref name="connectionString"/>.</summary>
    public static async Task<CpuMeter> StartAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        return new CpuMeter(ParentOf(backend));
    }

    /// <summary>CPU milliseconds per turn since the start: app + clients, PostgreSQL.</summary>
    public string Report(int turns)
    {
        var process = (Process.GetCurrentProcess().TotalProcessorTime - _processStart).TotalMilliseconds;
        var postgres = (PostgresSeconds(_postmaster) - _postgresStart) * 1000;
        return string.Create(CultureInfo.InvariantCulture,
            $"cpu per turn: {process / turns:0.00} ms app+clients, {postgres / turns:0.00} ms PostgreSQL, {(process + postgres) / turns:0.00} ms total ({turns} turns; {Environment.ProcessorCount} cores allow {Environment.ProcessorCount * 1000 * turns / (process + postgres):0} turns/s at this cost)");
    }

    private static int ParentOf(int pid)
    {
        var fields = StatFields(pid);
        return fields is null ? 0 : int.Parse(fields[1], CultureInfo.InvariantCulture);
    }

    /// <summary>utime + stime of the postmaster, the children it has reaped, and its live children.</summary>
    private static double PostgresSeconds(int postmaster)
    {
        if (postmaster <= 0 || !Directory.Exists("/proc"))
        {
            return 0;
        }

        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var fields = StatFields(pid);
            if (fields is null)
            {
                continue;
            }

            // After the command: [0]=state [1]=ppid ... [11]=utime [12]=stime [13]=cutime [14]=cstime
            if (pid == postmaster)
            {
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                    + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }
            else if (fields[1] == postmaster.ToString(CultureInfo.InvariantCulture))
            {
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
        }

        return ticks / TicksPerSecond;
    }

    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return stat[(close + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
