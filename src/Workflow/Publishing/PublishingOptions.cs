using EditorialBot.Workflow.Content;

namespace EditorialBot.Workflow.Publishing;

/// <summary>
/// <c>Review:AutoPublish</c> (default true: publish as soon as the review passes), <c>Git:Commit</c>
/// (default false: commit just the published file), <c>Git:Push</c> (default false).
/// </summary>
internal sealed record PublishingOptions(bool AutoPublish = true, bool GitCommit = false, bool GitPush = false, PublishSettings? Values = null)
{
    /// <summary>What publishing writes (<c>Publishing:DraftValue</c>, <c>Publishing:StatusValue</c>).</summary>
    public PublishSettings Write => Values ?? new PublishSettings();
}
