namespace EditorialBot.Workflow.Git;

/// <summary>A publish commit the sync dropped because upstream changed its note after the review.</summary>
internal sealed record WithdrawnPublish(string Path, Guid? EpisodeId, string Commit);

/// <summary>
/// The bot's publish commits that a failed push left on the local branch (the forge was down). Before the next sync
/// pushes them, the same rule as for a rejected push applies: a commit whose note upstream changed since the version the
/// commit started from is withdrawn (dropped), so upstream's edit wins and the note goes back to review.
/// </summary>
internal static class UnpushedPublishes
{
    /// <summary>Drops, newest first, each local commit whose files upstream changed; returns what was dropped.</summary>
    public static async Task<IReadOnlyList<WithdrawnPublish>> WithdrawChangedUpstreamAsync(GitRepository repository, CancellationToken cancellationToken)
    {
        var git = repository.Git!;
        var local = (await git.RunAsync(["rev-list", $"{repository.Upstream}..HEAD"], cancellationToken: cancellationToken))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        List<WithdrawnPublish> withdrawn = [];
        // Newest first: dropping a commit rewrites only the commits after it, so the older ids stay valid.
        foreach (var commit in local)
        {
            var files = (await git.RunAsync(["diff-tree", "--no-commit-id", "--name-only", "-r", "-z", commit], cancellationToken: cancellationToken))
                .Split('\0', StringSplitOptions.RemoveEmptyEntries);
            string? changed = null;
            foreach (var file in files)
            {
                if (await BlobAsync(git, $"{commit}^:{file}", cancellationToken) != await BlobAsync(git, $"{repository.Upstream}:{file}", cancellationToken))
                {
                    changed = file;
                    break;
                }
            }
            if (changed is null)
            {
                continue;
            }
            var drop = await git.TryRunAsync(["rebase", "--quiet", "--onto", $"{commit}^", commit], cancellationToken: cancellationToken);
            if (!drop.Ok)
            {
                await git.TryRunAsync(["rebase", "--abort"], cancellationToken: CancellationToken.None);
                throw new InvalidOperationException($"{changed} was changed upstream since it was approved, and its publish commit {commit[..10]} cannot be dropped: {GitSync.FirstLine(drop.Stderr)}");
            }
            var message = await git.RunAsync(["log", "-1", "--format=%B", commit], cancellationToken: cancellationToken);
            withdrawn.Add(new WithdrawnPublish(changed, EpisodeIdOf(message), commit));
        }
        return withdrawn;
    }

    private static Guid? EpisodeIdOf(string message) =>
        message.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(GitSync.OwnCommitTrailer, StringComparison.Ordinal))
            .Select(l => Guid.TryParse(l[GitSync.OwnCommitTrailer.Length..], out var id) ? id : (Guid?)null)
            .FirstOrDefault(id => id is not null);

    private static async Task<string?> BlobAsync(GitCli git, string spec, CancellationToken cancellationToken)
    {
        var blob = await git.TryRunAsync(["rev-parse", "--verify", "--quiet", spec], cancellationToken: cancellationToken);
        return blob.Ok ? blob.Stdout.Trim() : null;
    }
}
