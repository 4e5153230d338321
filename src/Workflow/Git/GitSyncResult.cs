namespace EditorialBot.Workflow.Git;

internal enum GitSyncOutcome
{
    /// <summary><c>Git:Sync</c> is off.</summary>
    Off,
    UpToDate,
    FastForwarded,
    /// <summary>The bot's own unpushed publish commits were replayed on top of the remote.</summary>
    Rebased,
    /// <summary>Not pulled: the sweep runs on the local copy (dirty tree, conflict, unreachable remote, ...).</summary>
    Problem,
}

/// <summary>What the pull before a sweep did; <see cref="Problem"/> is the one line admins are told.</summary>
internal sealed record GitSyncResult(GitSyncOutcome Outcome, string? Problem = null, string? Head = null)
{
    public static GitSyncResult Failed(string problem) => new(GitSyncOutcome.Problem, problem);

    /// <summary>The bot's publish commits a failed push had left, pushed by this sync (<c>Git:Push</c>).</summary>
    public int Pushed { get; init; }

    /// <summary>Publish commits dropped because upstream changed their note after the review (back to review).</summary>
    public IReadOnlyList<WithdrawnPublish> Withdrawn { get; init; } = [];
}
