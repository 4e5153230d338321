using EditorialBot.Storage.Configuration;

namespace EditorialBot.Workflow.Git;

/// <summary>
/// Configuration section <c>Git</c>: pull before every sweep (<c>Sync</c>), commit (the file alone) and push after
/// publishing. No credentials: git uses its own (deploy key, credential helper).
/// </summary>
internal sealed class GitOptions : IValidatedOptions
{
    public static string Section => "Git";

    public bool Sync { get; set; }

    public string Remote { get; set; } = "origin";

    /// <summary>The branch the site deploys from; empty: the branch checked out.</summary>
    public string Branch { get; set; } = "";

    public bool Commit { get; set; }

    public bool Push { get; set; }

    /// <summary>How long one git command may take (a fetch from a slow forge included).</summary>
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Pushes tried after the remote moved before giving up (each time: fetch, rebase, check, push).</summary>
    public int PushAttempts { get; set; } = 3;

    /// <summary>The shared secret of the forge's push webhook (<c>Web:Urls</c>); from the environment, never a committed file.</summary>
    public string WebhookSecret { get; set; } = "";

    public TimeSpan CommandTimeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public IEnumerable<string> Problems()
    {
        if (Push && !Commit)
        {
            yield return "Git:Push is true but Git:Commit is false, so there is nothing to push: set Git:Commit=true too, or Git:Push=false.";
        }
        if (string.IsNullOrWhiteSpace(Remote))
        {
            yield return "Git:Remote is empty: set it to the remote the site is pulled from and pushed to, such as origin.";
        }
        if (TimeoutSeconds is < 1 or > 3600)
        {
            yield return $"Git:TimeoutSeconds is {TimeoutSeconds}: set it to a number of seconds from 1 to 3600, such as 60.";
        }
        if (PushAttempts is < 1 or > 20)
        {
            yield return $"Git:PushAttempts is {PushAttempts}: set it to a number from 1 to 20, such as 3.";
        }
    }
}
