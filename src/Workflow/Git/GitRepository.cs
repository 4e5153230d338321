namespace EditorialBot.Workflow.Git;

/// <summary>The site's repository as the bot works with it: its top folder, the branch, the remote-tracking ref.</summary>
internal sealed class GitRepository
{
    private readonly GitOptions _options;

    private GitRepository(GitOptions options, GitCli? git, string? branch, string? problem)
    {
        _options = options;
        Git = git;
        Branch = branch;
        Problem = problem;
    }

    public GitCli? Git { get; }
    public string? Branch { get; }
    /// <summary>Why the content folder cannot be synced (not a repository, detached or other branch checked out).</summary>
    public string? Problem { get; }
    public string Upstream => $"refs/remotes/{_options.Remote}/{Branch}";

    public static async Task<GitRepository> OpenAsync(string contentRoot, GitOptions options, CancellationToken cancellationToken)
    {
        var probe = new GitCli(contentRoot, options.CommandTimeout);
        var top = await probe.TryRunAsync(["rev-parse", "--show-toplevel"], cancellationToken: cancellationToken);
        if (!top.Ok)
        {
            return new GitRepository(options, null, null, $"the content folder {contentRoot} is not in a git repository ({GitSync.FirstLine(top.Stderr)})");
        }
        var git = new GitCli(top.Stdout.Trim(), options.CommandTimeout);
        var head = await git.TryRunAsync(["symbolic-ref", "--quiet", "--short", "HEAD"], cancellationToken: cancellationToken);
        if (!head.Ok)
        {
            return new GitRepository(options, git, null, "the repository has no branch checked out (detached HEAD)");
        }
        var current = head.Stdout.Trim();
        var branch = options.Branch is { Length: > 0 } configured ? configured : current;
        return branch == current
            ? new GitRepository(options, git, branch, null)
            : new GitRepository(options, git, branch, $"the branch checked out is {current}, not Git:Branch {branch}");
    }

    public Task<GitOutput> FetchAsync(CancellationToken cancellationToken) =>
        Git!.TryRunAsync(["fetch", "--quiet", "--no-tags", _options.Remote, $"+refs/heads/{Branch}:{Upstream}"], cancellationToken: cancellationToken);

    /// <summary>Pushes HEAD to the branch on the remote; never forced.</summary>
    public Task<GitOutput> PushAsync(CancellationToken cancellationToken) =>
        Git!.TryRunAsync(["push", "--porcelain", _options.Remote, $"HEAD:refs/heads/{Branch}"], cancellationToken: cancellationToken);

    /// <summary>The remote refused the push because it moved (not because it could not be reached).</summary>
    public static bool Rejected(GitOutput push) => (push.Stdout + "\n" + push.Stderr).Contains("rejected", StringComparison.Ordinal);

    public async Task<(int Ahead, int Behind)> AheadBehindAsync(CancellationToken cancellationToken)
    {
        var counts = (await Git!.RunAsync(["rev-list", "--left-right", "--count", $"HEAD...{Upstream}"], cancellationToken: cancellationToken))
            .Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        return (int.Parse(counts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(counts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<string> HeadAsync(CancellationToken cancellationToken) =>
        (await Git!.RunAsync(["rev-parse", "HEAD"], cancellationToken: cancellationToken)).Trim();

    /// <summary>Local commits not on the remote that are not the bot's publish commits (no <c>Episode-Id</c> trailer).</summary>
    public async Task<int> ForeignCommitsAsync(CancellationToken cancellationToken)
    {
        var log = await Git!.RunAsync(["log", "--format=%B%x1e", $"{Upstream}..HEAD"], cancellationToken: cancellationToken);
        return log.Split('\x1e', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Count(body => !body.Contains("\n" + GitSync.OwnCommitTrailer, StringComparison.Ordinal));
    }
}
