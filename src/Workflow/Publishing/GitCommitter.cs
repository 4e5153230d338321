using System.Diagnostics;
using System.Text;

namespace EditorialBot.Workflow.Publishing;

/// <summary>
/// Commits one published file with the <c>git</c> command line (a child process; no library), with a
/// message naming the episode and trailers for approvers and claim verdicts. Pushes only when asked.
/// </summary>
internal sealed class GitCommitter
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    /// <summary>Commits <paramref name="fullPath"/> alone (other staged changes are left alone). Returns the commit id.</summary>
    public async Task<string> CommitAsync(string fullPath, string message, bool push, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(fullPath)!;
        var top = (await RunAsync(folder, ["rev-parse", "--show-toplevel"], null, cancellationToken)).Trim();
        var relative = Path.GetRelativePath(top, fullPath).Replace('\\', '/');
        await RunAsync(top, ["add", "--", relative], null, cancellationToken);
        await RunAsync(top, ["commit", "--quiet", "--only", "-F", "-", "--", relative], message, cancellationToken);
        var commit = (await RunAsync(top, ["rev-parse", "HEAD"], null, cancellationToken)).Trim();
        if (push)
        {
            await RunAsync(top, ["push", "--quiet"], null, cancellationToken);
        }
        return commit;
    }

    /// <summary>The commit message: subject naming the episode, body, then trailers.</summary>
    public static string Message(string title, string path, Guid episodeId, string reviewedHash, IReadOnlyList<string> approvers, IReadOnlyList<string> claimVerdicts, string? forcedBy)
    {
        var subject = $"Publish \"{OneLine(title)}\"";
        StringBuilder text = new();
        text.Append(subject.Length > 120 ? subject[..117] + "...\"" : subject).Append("\n\n");
        text.Append($"{path}: draft flipped to published by EditorialBot").Append(forcedBy is null ? " after review." : $" (forced by {forcedBy}).").Append("\n\n");
        text.Append($"Episode-Id: {episodeId}\n");
        text.Append($"Reviewed-Hash: {reviewedHash}\n");
        foreach (var approver in approvers)
        {
            text.Append($"Approved-by: {OneLine(approver)}\n");
        }
        if (forcedBy is not null)
        {
            text.Append($"Forced-by: {OneLine(forcedBy)}\n");
        }
        foreach (var verdict in claimVerdicts)
        {
            text.Append($"Claim-verdict: {OneLine(verdict)}\n");
        }
        return text.ToString();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private static async Task<string> RunAsync(string workingDirectory, IReadOnlyList<string> args, string? input, CancellationToken cancellationToken)
    {
        ProcessStartInfo start = new("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // Never wait for a credential prompt in a background job.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start git");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"git {string.Join(' ', args)} did not finish within {s_timeout.TotalSeconds:0} s");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({process.ExitCode}): {(await stderr).Trim()}");
        }
        return await stdout;
    }
}
