using System.Diagnostics;

namespace BankingLlm.Assistant.Tests.Cli;

/// <summary>Runs the real Assistant executable in a child process, in its own working folder and environment.</summary>
internal sealed class AssistantProcess : IDisposable
{
    private static readonly string[] ClearedVariables = ["ConnectionStrings__Banking"];

    public string WorkingDirectory { get; } = Directory.CreateTempSubdirectory("bankingllm-cli-").FullName;

    public Dictionary<string, string?> Environment { get; } = [];

    public Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(TimeSpan timeout, params string[] args) => RunWithInputAsync(timeout, null, args);

    public async Task<(int ExitCode, string StdOut, string StdErr)> RunWithInputAsync(TimeSpan timeout, string? stdin, params string[] args)
    {
        using var process = Start(args);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"assistant {string.Join(' ', args)} did not finish in {timeout}: {await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    public Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BankingLlm.Assistant.dll"));
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }
        foreach (var name in ClearedVariables)
        {
            psi.Environment.Remove(name);
        }
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in Environment)
        {
            psi.Environment[key] = value;
        }
        return Process.Start(psi)!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
