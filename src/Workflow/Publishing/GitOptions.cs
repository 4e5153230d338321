using EditorialBot.Storage.Configuration;

namespace EditorialBot.Workflow.Publishing;

/// <summary>Configuration section <c>Git</c>: whether a publish is committed (the file alone) and pushed.</summary>
internal sealed class GitOptions : IValidatedOptions
{
    public static string Section => "Git";

    public bool Commit { get; set; }

    public bool Push { get; set; }

    public IEnumerable<string> Problems()
    {
        if (Push && !Commit)
        {
            yield return "Git:Push is true but Git:Commit is false, so there is nothing to push: set Git:Commit=true too, or Git:Push=false.";
        }
    }
}
