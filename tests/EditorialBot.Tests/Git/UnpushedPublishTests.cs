using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Git;
using EditorialBot.Workflow.Review;
using static EditorialBot.Tests.Support.TestEngine;

namespace EditorialBot.Tests.Git;

/// <summary>
/// A publish whose push failed because the forge was unreachable leaves its commit on the local branch; the next sync
/// (before a sweep) pushes it, after the same check as a rejected push. Real repositories on disk.
/// </summary>
public sealed class UnpushedPublishTests
{
    private static async Task<(GitRepos Repos, TestEngine Engine, Guid Id)> PublishedWhileTheForgeWasDownAsync()
    {
        var repos = new GitRepos();
        var engine = await TestEngine.StartAsync(
            ("Git:Sync", "true"), ("Git:Commit", "true"), ("Git:Push", "true"), ("Git:TimeoutSeconds", "120"),
            ("Review:RequireClaimsResolved", "false"), ("Review:AutoPublish", "false"));
        repos.CloneBot(engine.ContentRoot);
        repos.PushUpstream("posts/ep1.md", Notes.Draft(), "Add the draft");
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("posts/ep1.md")).Id;
        Assert.Equal(OutcomeStatus.Done, (await engine.Reviews.ApproveAsync(id, Ana)).Status);
        GitRepos.Run(engine.ContentRoot, "remote", "set-url", "origin", Path.Combine(Path.GetTempPath(), "forge-down-" + Guid.NewGuid().ToString("N")));
        var outcome = await engine.Reviews.PublishAsync(id, Ana);
        Assert.Contains("not pushed", outcome.Message);
        GitRepos.Run(engine.ContentRoot, "remote", "set-url", "origin", repos.Remote);
        return (repos, engine, id);
    }

    [Fact]
    public async Task The_next_sync_rebases_the_left_publish_commit_onto_upstream_and_pushes_it()
    {
        var (repos, engine, id) = await PublishedWhileTheForgeWasDownAsync();
        using var _ = repos;
        await using var __ = engine;
        // Meanwhile the pipeline pushed another draft.
        repos.PushUpstream("posts/ep2.md", Notes.Draft(title: "第二集"), "Another draft");

        var result = await engine.SweepAsync();

        Assert.Equal(GitSyncOutcome.Rebased, result.Sync!.Outcome);
        Assert.Equal(1, result.Sync.Pushed);
        Assert.Contains("draft: false", repos.OnRemote("posts/ep1.md"));
        Assert.NotNull(repos.OnRemote("posts/ep2.md"));
        Assert.Equal(repos.RemoteHead(), GitRepos.Run(engine.ContentRoot, "rev-parse", "HEAD").Trim());
        Assert.Contains($"Episode-Id: {id}", GitRepos.Run(repos.Remote, "log", "-1", "--format=%B", "main"));
        Assert.Equal(EpisodeState.Published, (await engine.EpisodeByIdAsync(id)).State);
        Assert.Equal(1, result.Drafts);

        var again = await engine.SweepAsync();
        Assert.Equal(GitSyncOutcome.UpToDate, again.Sync!.Outcome);
        Assert.Equal(0, again.Sync.Pushed);
    }

    [Fact]
    public async Task A_left_publish_commit_with_nothing_new_upstream_is_pushed()
    {
        var (repos, engine, _) = await PublishedWhileTheForgeWasDownAsync();
        using var __ = repos;
        await using var ___ = engine;

        var result = await engine.SweepAsync();

        Assert.Equal(GitSyncOutcome.UpToDate, result.Sync!.Outcome);
        Assert.Equal(1, result.Sync.Pushed);
        Assert.Contains("draft: false", repos.OnRemote("posts/ep1.md"));
    }

    [Fact]
    public async Task An_upstream_edit_of_the_note_withdraws_the_left_publish_commit()
    {
        var (repos, engine, id) = await PublishedWhileTheForgeWasDownAsync();
        using var _ = repos;
        await using var __ = engine;
        var upstreamText = Notes.Draft(summary: "上游改写了摘要。") + "上游补充的一段。\n";
        repos.PushUpstream("posts/ep1.md", upstreamText, "Upstream rewrites the note");
        var remoteBefore = repos.RemoteHead();

        var result = await engine.SweepAsync();

        Assert.Equal(GitSyncOutcome.FastForwarded, result.Sync!.Outcome);
        Assert.Equal(0, result.Sync.Pushed);
        var withdrawn = Assert.Single(result.Sync.Withdrawn);
        Assert.Equal("posts/ep1.md", withdrawn.Path);
        Assert.Equal(id, withdrawn.EpisodeId);
        // Nothing pushed, nothing lost: the local branch is upstream's, and so is the file.
        Assert.Equal(remoteBefore, repos.RemoteHead());
        Assert.Equal(remoteBefore, GitRepos.Run(engine.ContentRoot, "rev-parse", "HEAD").Trim());
        Assert.Equal(upstreamText, File.ReadAllText(engine.Path("posts/ep1.md")));
        Assert.Equal("", GitRepos.Run(engine.ContentRoot, "status", "--porcelain"));
        // Back in review, with a notice in its thread and the withdrawal audited; the old approval no longer counts.
        var episode = await engine.EpisodeByIdAsync(id);
        Assert.Contains(episode.State, new[] { EpisodeState.InReview, EpisodeState.New, EpisodeState.Stale });
        Assert.DoesNotContain(episode.Votes, v => v.Status == VoteStatus.Active && v.Kind == VoteKind.Approve);
        Assert.Contains(await engine.AuditAsync(id), a => a.Action == "publish-withdrawn" && a.Details!.Contains("changed upstream"));
        Assert.Contains(await engine.OutboxAsync(id), m => m.Kind == OutboxKind.PostNotice && m.Payload!.Contains("withdrawn"));
    }

    [Fact]
    public async Task A_remote_that_moves_again_just_before_the_sync_pushes_is_fetched_rebased_and_pushed_again()
    {
        var (repos, engine, id) = await PublishedWhileTheForgeWasDownAsync();
        using var _ = repos;
        await using var __ = engine;
        // The first push of the sync finds the remote moved: a pre-push hook in the bot's clone has the upstream push
        // first, once (the race between the sync's fetch and its push, made certain).
        var upstreamPush = Path.Combine(repos.Upstream, "race.md");
        var hook = Path.Combine(engine.ContentRoot, ".git", "hooks", "pre-push");
        File.WriteAllText(hook, $$"""
            #!/bin/sh
            marker="{{engine.ContentRoot}}/../raced"
            [ -e "$marker" ] && exit 0
            touch "$marker"
            unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_PREFIX
            cd "{{repos.Upstream}}" && git pull -q --ff-only origin main && printf '竞争\n' > "{{upstreamPush}}" && git add race.md && git commit -qm "Race" && git push -q origin main
            """.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var result = await engine.SweepAsync();

        Assert.True(File.Exists(Path.Combine(engine.ContentRoot, "..", "raced")), "the hook raced the push");
        Assert.Equal(GitSyncOutcome.Rebased, result.Sync!.Outcome);
        Assert.Equal(1, result.Sync.Pushed);
        Assert.Equal("竞争\n", repos.OnRemote("race.md"));
        Assert.Contains("draft: false", repos.OnRemote("posts/ep1.md"));
        Assert.Equal(repos.RemoteHead(), GitRepos.Run(engine.ContentRoot, "rev-parse", "HEAD").Trim());
        Assert.Contains($"Episode-Id: {id}", GitRepos.Run(repos.Remote, "log", "-1", "--format=%B", "main"));
    }
}
