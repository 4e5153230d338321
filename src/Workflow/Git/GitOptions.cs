namespace EditorialBot.Workflow.Git;

/// <summary>
/// The <c>Git</c> section: pull before every sweep (<c>Sync</c>), commit and push after publishing, and the webhook
/// secret. No credentials: git uses its own (deploy key, credential helper).
/// </summary>
internal sealed record GitOptions
{
    public bool Sync { get; init; }
    public string Remote { get; init; } = "origin";
    /// <summary>The branch the site deploys from; null: the branch checked out.</summary>
    public string? Branch { get; init; }
    public bool Commit { get; init; }
    public bool Push { get; init; }
    /// <summary>How long one git command may take (a fetch from a slow forge included).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Pushes tried after the remote moved before giving up (each time: fetch, rebase, check, push).</summary>
    public int PushAttempts { get; init; } = 3;
}
