using System.Diagnostics;
using System.Text;

namespace EditorialBot.Workflow.Git;

/// <summary>What one <c>git</c> command returned.</summary>
internal sealed record GitOutput(int ExitCode, string Stdout, string Stderr)
{
    public bool Ok => ExitCode == 0;
}

/// <summary>A git command that did not finish in time (a hung remote, a credential prompt that slipped through).</summary>
internal sealed class GitTimeoutException(string message) : Exception(message);

/// <summary>
/// Runs the <c>git</c> command line in the site's repository with git's own credentials (deploy key, credential
/// helper): never a prompt (<c>GIT_TERMINAL_PROMPT=0</c>, no SSH password prompt), and a time limit on every command.
/// </summary>
internal sealed class GitCli(string workingDirectory, TimeSpan timeout)
{
    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>Runs git; a non-zero exit comes back in the result, a timeout or a missing git throws.</summary>
    public async Task<GitOutput> TryRunAsync(IReadOnlyList<string> args, string? input = null, CancellationToken cancellationToken = default)
    {
        ProcessStartInfo start = new("git")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // Never wait for a credential prompt in a background job; SSH fails instead of asking for a passphrase.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_SSH_COMMAND"] = Environment.GetEnvironmentVariable("GIT_SSH_COMMAND") ?? "ssh -o BatchMode=yes";
        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start git");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new GitTimeoutException($"git {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:0} s");
        }
        return new GitOutput(process.ExitCode, await stdout, (await stderr).Trim());
    }

    /// <summary>Runs git and throws with its error output when it fails.</summary>
    public async Task<string> RunAsync(IReadOnlyList<string> args, string? input = null, CancellationToken cancellationToken = default)
    {
        var output = await TryRunAsync(args, input, cancellationToken);
        return output.Ok
            ? output.Stdout
            : throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({output.ExitCode}): {output.Stderr}");
    }
}
