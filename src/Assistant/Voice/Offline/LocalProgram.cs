using System.Diagnostics;

namespace BankingLlm.Assistant.Voice.Offline;

/// <summary>Runs a local program with arguments (never through a shell), optional stdin, a time limit, and captures its output.</summary>
public static class LocalProgram
{
    public sealed record Result(int ExitCode, byte[] Output, string Error);

    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, byte[]? input, TimeSpan timeout, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new SpeechServiceException($"Cannot run '{program}': {ex.Message}. Install it (scripts/install-prerequisites.sh) or set its path under Voice:Offline.", ex);
        }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            var output = new MemoryStream();
            var reading = process.StandardOutput.BaseStream.CopyToAsync(output, limit.Token);
            var errors = process.StandardError.ReadToEndAsync(limit.Token);
            if (input is not null)
            {
                await process.StandardInput.BaseStream.WriteAsync(input, limit.Token).ConfigureAwait(false);
            }
            process.StandardInput.Close();
            await Task.WhenAll(reading, errors, process.WaitForExitAsync(limit.Token)).ConfigureAwait(false);
            return new Result(process.ExitCode, output.ToArray(), await errors.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (ct.IsCancellationRequested)
            {
                throw;
            }
            throw new SpeechServiceException($"'{Path.GetFileName(program)}' took longer than {timeout.TotalSeconds:0} s (Voice:TimeoutSeconds).");
        }
        catch (IOException ex)
        {
            Kill(process);
            throw new SpeechServiceException($"'{Path.GetFileName(program)}' failed: {ex.Message}", ex);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }
}
