using EditorialBot.Bot.Cli;
using EditorialBot.Storage;
using EditorialBot.Tests.Cli;
using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Review;
using static EditorialBot.Tests.Support.TestEngine;

namespace EditorialBot.Tests.Git;

/// <summary>Push after publishing, against real repositories: races with upstream pushes, and upstream edits of the approved note.</summary>
public sealed class GitPushTests
{
    private static async Task<(GitRepos Repos, TestEngine Engine, Guid Id)> ApprovedAsync(string relative, string text)
    {
        var repos = new GitRepos();
        var engine = await TestEngine.StartAsync(
            ("Git:Sync", "true"), ("Git:Commit", "true"), ("Git:Push", "true"), ("Git:TimeoutSeconds", "120"),
            ("Review:RequireClaimsResolved", "false"), ("Review:AutoPublish", "false"));
        repos.CloneBot(engine.ContentRoot);
        repos.PushUpstream(relative, text, "Add the draft");
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync(relative)).Id;
        Assert.Equal(OutcomeStatus.Done, (await engine.Reviews.ApproveAsync(id, Ana)).Status);
        return (repos, engine, id);
    }

    [Fact]
    public async Task A_push_race_is_fetched_rebased_and_pushed_again()
    {
        var (repos, engine, id) = await ApprovedAsync("posts/ep1.md", Notes.Draft());
        using var _ = repos;
        await using var __ = engine;
        // The remote moves between our pull and our push.
        repos.PushUpstream("posts/ep2.md", Notes.Draft(), "Another draft arrives");

        var outcome = await engine.Reviews.PublishAsync(id, Ana);

        Assert.Equal(OutcomeStatus.Done, outcome.Status);
        Assert.DoesNotContain("not pushed", outcome.Message);
        Assert.Contains("draft: false", repos.OnRemote("posts/ep1.md"));
        Assert.NotNull(repos.OnRemote("posts/ep2.md"));
        var head = GitRepos.Run(repos.Remote, "log", "-1", "--format=%B", "main");
        Assert.Contains($"Episode-Id: {id}", head);
        Assert.Contains("Approved-by: ana", head);
        Assert.Equal(EpisodeState.Published, (await engine.EpisodeByIdAsync(id)).State);
        Assert.Equal("", GitRepos.Run(engine.ContentRoot, "status", "--porcelain"));
    }

    [Fact]
    public async Task An_upstream_edit_of_the_approved_note_withdraws_the_publish()
    {
        var (repos, engine, id) = await ApprovedAsync("posts/ep1.md", Notes.Draft());
        using var _ = repos;
        await using var __ = engine;
        var upstreamText = Notes.Draft(summary: "上游改写了摘要。") + "上游补充的一段。\n";
        repos.PushUpstream("posts/ep1.md", upstreamText, "Upstream rewrites the note");
        var remoteBefore = repos.RemoteHead();

        var outcome = await engine.Reviews.PublishAsync(id, Ana);

        Assert.Equal(OutcomeStatus.Refused, outcome.Status);
        Assert.Contains("withdrawn", outcome.Message);
        Assert.Equal(remoteBefore, repos.RemoteHead());
        Assert.Equal(upstreamText, File.ReadAllText(engine.Path("posts/ep1.md")));
        Assert.Equal(remoteBefore, GitRepos.Run(engine.ContentRoot, "rev-parse", "HEAD").Trim());
        Assert.Equal("", GitRepos.Run(engine.ContentRoot, "status", "--porcelain"));
        var episode = await engine.EpisodeByIdAsync(id);
        Assert.NotEqual(EpisodeState.Published, episode.State);
        Assert.Null(episode.PendingChange);
        Assert.Contains(await engine.AuditAsync(id), a => a.Action == "publish-abandoned" && a.Details!.Contains("changed upstream"));
        Assert.Contains(await engine.OutboxAsync(id), m => m.Kind == OutboxKind.PostNotice && m.Payload!.Contains("withdrawn"));

        // The next sweep reads upstream's text: the approval on the old text no longer counts.
        await engine.SweepAsync();
        episode = await engine.EpisodeByIdAsync(id);
        Assert.Contains(episode.State, new[] { EpisodeState.InReview, EpisodeState.New, EpisodeState.Stale });
        Assert.DoesNotContain(episode.Votes, v => v.Status == VoteStatus.Active && v.Kind == VoteKind.Approve);
    }

    [Fact]
    public async Task An_unreachable_remote_keeps_the_publish_commit_for_the_next_sync()
    {
        var (repos, engine, id) = await ApprovedAsync("posts/ep1.md", Notes.Draft());
        using var _ = repos;
        await using var __ = engine;
        GitRepos.Run(engine.ContentRoot, "remote", "set-url", "origin", Path.Combine(Path.GetTempPath(), "gone-" + Guid.NewGuid().ToString("N")));

        var outcome = await engine.Reviews.PublishAsync(id, Ana);

        Assert.Equal(OutcomeStatus.Done, outcome.Status);
        Assert.Contains("not pushed", outcome.Message);
        Assert.Equal(EpisodeState.Published, (await engine.EpisodeByIdAsync(id)).State);
        Assert.Contains("draft: true", repos.OnRemote("posts/ep1.md"));
        Assert.Contains($"Episode-Id: {id}", GitRepos.Run(engine.ContentRoot, "log", "-1", "--format=%B"));
    }

    [Fact]
    public async Task Cli_force_publish_exits_3_when_upstream_changed_the_note()
    {
        using var repos = new GitRepos();
        using var temp = new TempFolder();
        var clone = temp.File("site");
        repos.CloneBot(clone);
        repos.PushUpstream("posts/ep1.md", Notes.Draft(), "Add the draft");
        GitRepos.Run(clone, "pull", "--quiet", "--ff-only");
        var upstreamText = Notes.Draft() + "上游又改了。\n";
        repos.PushUpstream("posts/ep1.md", upstreamText, "Upstream edits");

        var (code, stdout, stderr) = await CommandLineTests.Run("publish", "posts/ep1.md", "--content", clone, "--force", "--by", "admin",
            "--db", temp.File("e.db"), "--Git:Commit=true", "--Git:Push=true");

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("withdrawn", stderr);
        Assert.Contains("\"withdrawn\"", stdout);
        Assert.Equal(upstreamText, File.ReadAllText(Path.Combine(clone, "posts/ep1.md")));
        Assert.Equal(repos.RemoteHead(), GitRepos.Run(clone, "rev-parse", "HEAD").Trim());
    }
}
