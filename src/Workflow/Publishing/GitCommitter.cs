using System.Text;
using EditorialBot.Workflow.Git;
using Microsoft.Extensions.Options;

namespace EditorialBot.Workflow.Publishing;

/// <summary>What became of a publish commit: pushed, kept local (the push failed; the next sync retries), or withdrawn.</summary>
internal enum GitPushOutcome
{
    NotAsked,
    Pushed,
    /// <summary>Committed locally but not pushed (remote unreachable, or kept moving): the commit waits for the next sync.</summary>
    Failed,
    /// <summary>Upstream changed the note since it was approved: the local commit was dropped and the file is upstream's version.</summary>
    Withdrawn,
}

/// <summary>The commit (null when withdrawn) and what the push did, with the reason when it did not push.</summary>
internal sealed record GitCommitResult(string? Commit, GitPushOutcome Push, string? Detail = null);

/// <summary>
/// Commits one published file with the <c>git</c> command line (a child process; no library), with a message naming
/// the episode and trailers for approvers and claim verdicts, and pushes it when asked: if the remote moved, fetch,
/// check that upstream's note is still the reviewed version, rebase and push again (<see cref="GitOptions.PushAttempts"/>).
/// Never a force-push. When upstream changed the note, the publish is withdrawn: the local commit is dropped and the
/// file becomes upstream's version.
/// </summary>
internal sealed class GitCommitter(IOptions<GitOptions> gitOptions)
{
    private GitOptions Options => gitOptions.Value;

    /// <summary>Commits <paramref name="fullPath"/> alone (other staged changes are left alone), then pushes when asked.</summary>
    public async Task<GitCommitResult> CommitAsync(string fullPath, string message, bool push, CancellationToken cancellationToken)
    {
        var repository = await GitRepository.OpenAsync(Path.GetDirectoryName(fullPath)!, Options, cancellationToken);
        if (repository.Git is null)
        {
            throw new InvalidOperationException(repository.Problem);
        }
        var git = repository.Git;
        var relative = Path.GetRelativePath(git.WorkingDirectory, fullPath).Replace('\\', '/');
        await git.RunAsync(["add", "--", relative], cancellationToken: cancellationToken);
        await git.RunAsync(["commit", "--quiet", "--only", "-F", "-", "--", relative], message, cancellationToken);
        var commit = await repository.HeadAsync(cancellationToken);
        if (!push)
        {
            return new GitCommitResult(commit, GitPushOutcome.NotAsked);
        }
        if (repository.Problem is { } problem)
        {
            return new GitCommitResult(commit, GitPushOutcome.Failed, problem);
        }
        return await PushAsync(repository, commit, relative, cancellationToken);
    }

    private async Task<GitCommitResult> PushAsync(GitRepository repository, string commit, string relative, CancellationToken cancellationToken)
    {
        var git = repository.Git!;
        for (var attempt = 1; ; attempt++)
        {
            var pushed = await repository.PushAsync(cancellationToken);
            if (pushed.Ok)
            {
                return new GitCommitResult(commit, GitPushOutcome.Pushed);
            }
            if (!GitRepository.Rejected(pushed))
            {
                return new GitCommitResult(commit, GitPushOutcome.Failed, $"push failed: {GitSync.FirstLine(pushed.Stderr)}");
            }
            if (attempt >= Options.PushAttempts)
            {
                return new GitCommitResult(commit, GitPushOutcome.Failed, $"the remote kept moving: not pushed after {attempt} attempts; the next sync retries");
            }
            // The remote moved between our pull and our push.
            var fetch = await repository.FetchAsync(cancellationToken);
            if (!fetch.Ok)
            {
                return new GitCommitResult(commit, GitPushOutcome.Failed, $"push rejected and fetch failed: {GitSync.FirstLine(fetch.Stderr)}");
            }
            var reviewed = await BlobAsync(git, $"{commit}^:{relative}", cancellationToken);
            var upstream = await BlobAsync(git, $"{repository.Upstream}:{relative}", cancellationToken);
            if (reviewed != upstream)
            {
                return await WithdrawAsync(repository, commit, relative, cancellationToken);
            }
            if (await repository.ForeignCommitsAsync(cancellationToken) > 0)
            {
                return new GitCommitResult(commit, GitPushOutcome.Failed, "local commits not made by the bot are not on the remote: not rebasing them");
            }
            var rebase = await git.TryRunAsync(["rebase", "--quiet", repository.Upstream], cancellationToken: cancellationToken);
            if (!rebase.Ok)
            {
                await git.TryRunAsync(["rebase", "--abort"], cancellationToken: CancellationToken.None);
                return new GitCommitResult(commit, GitPushOutcome.Failed, $"cannot rebase onto the moved remote: {GitSync.FirstLine(rebase.Stderr)}");
            }
            commit = await repository.HeadAsync(cancellationToken);
        }
    }

    /// <summary>Drops our publish commit (only when it is the last one) and takes upstream's version of the note.</summary>
    private async Task<GitCommitResult> WithdrawAsync(GitRepository repository, string commit, string relative, CancellationToken cancellationToken)
    {
        var git = repository.Git!;
        var reason = $"{relative} was changed upstream ({Options.Remote}/{repository.Branch}) since it was approved";
        if (await repository.HeadAsync(cancellationToken) != commit)
        {
            return new GitCommitResult(commit, GitPushOutcome.Failed, reason + "; the publish commit is not the last local commit, so it was left for an admin");
        }
        // --keep: never touches uncommitted changes of other files (it refuses instead).
        var reset = await git.TryRunAsync(["reset", "--quiet", "--keep", $"{commit}^"], cancellationToken: cancellationToken);
        if (!reset.Ok)
        {
            return new GitCommitResult(commit, GitPushOutcome.Failed, reason + $"; dropping the local commit failed: {GitSync.FirstLine(reset.Stderr)}");
        }
        var merge = await git.TryRunAsync(["merge", "--ff-only", "--quiet", repository.Upstream], cancellationToken: cancellationToken);
        if (!merge.Ok)
        {
            var rebase = await git.TryRunAsync(["rebase", "--quiet", repository.Upstream], cancellationToken: cancellationToken);
            if (!rebase.Ok)
            {
                await git.TryRunAsync(["rebase", "--abort"], cancellationToken: CancellationToken.None);
            }
        }
        return new GitCommitResult(null, GitPushOutcome.Withdrawn, reason);
    }

    private static async Task<string?> BlobAsync(GitCli git, string spec, CancellationToken cancellationToken)
    {
        var blob = await git.TryRunAsync(["rev-parse", "--verify", "--quiet", spec], cancellationToken: cancellationToken);
        return blob.Ok ? blob.Stdout.Trim() : null;
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
}
