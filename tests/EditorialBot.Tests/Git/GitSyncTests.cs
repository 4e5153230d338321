using EditorialBot.Bot.Cli;
using EditorialBot.Storage;
using EditorialBot.Tests.Cli;
using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Git;
using Microsoft.Extensions.DependencyInjection;

namespace EditorialBot.Tests.Git;

/// <summary>Git:Sync against real repositories: a bare remote, an upstream clone that pushes, the bot's clone.</summary>
public sealed class GitSyncTests
{
    private const string Draft = "---\ntitle: 上游草稿\ndraft: true\n---\n2024年，该公司营收增长了35%。\n";

    private static async Task<(GitRepos Repos, TestEngine Engine)> StartAsync()
    {
        var repos = new GitRepos();
        var engine = await TestEngine.StartAsync(("Git:Sync", "true"), ("Git:TimeoutSeconds", "120"));
        repos.CloneBot(engine.ContentRoot);
        return (repos, engine);
    }

    [Fact]
    public async Task A_draft_pushed_upstream_is_pulled_and_swept()
    {
        var (repos, engine) = await StartAsync();
        using var _ = repos;
        await using var __ = engine;
        repos.PushUpstream("posts/ep1.md", Draft, "Add episode 1");

        var result = await engine.SweepAsync();

        Assert.Equal(GitSyncOutcome.FastForwarded, result.Sync!.Outcome);
        Assert.Equal(repos.RemoteHead(), result.Sync.Head);
        Assert.Equal(1, result.Drafts);
        Assert.Equal("上游草稿", (await engine.EpisodeAsync("posts/ep1.md")).Title);

        var again = await engine.SweepAsync();
        Assert.Equal(GitSyncOutcome.UpToDate, again.Sync!.Outcome);
        Assert.DoesNotContain(await engine.OutboxAsync(), m => m.Kind == OutboxKind.PostAlert);
    }

    [Fact]
    public async Task A_dirty_tree_is_not_pulled_nothing_is_lost_and_admins_are_told_once()
    {
        var (repos, engine) = await StartAsync();
        using var _ = repos;
        await using var __ = engine;
        repos.PushUpstream("posts/ep1.md", Draft);
        await engine.SweepAsync();
        // Someone edits the note on the bot's machine without committing.
        File.WriteAllText(engine.Path("posts/ep1.md"), Draft + "本地修改。\n");
        repos.PushUpstream("posts/ep2.md", Draft.Replace("上游草稿", "第二集"));

        var first = await engine.SweepAsync();
        var second = await engine.SweepAsync();

        Assert.Equal(GitSyncOutcome.Problem, first.Sync!.Outcome);
        Assert.Contains("local changes (posts/ep1.md)", first.Sync.Problem);
        Assert.Equal(GitSyncOutcome.Problem, second.Sync!.Outcome);
        Assert.EndsWith("本地修改。\n", File.ReadAllText(engine.Path("posts/ep1.md")));
        Assert.False(File.Exists(engine.Path("posts/ep2.md")));
        // The sweep ran on the local copy: the local edit was seen.
        Assert.Contains(first.Events, e => e.Path == "posts/ep1.md");
        var alerts = (await engine.OutboxAsync()).Where(m => m.Kind == OutboxKind.PostAlert).ToList();
        Assert.Single(alerts);
        Assert.Contains("local changes", alerts[0].Payload);
        var state = engine.Services.GetRequiredService<GitSyncState>().Load();
        Assert.Contains("local changes", state!.Problem);

        var (code, _, stderr) = await CommandLineTests.Run("status", "--db", engine.DatabasePath);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("git sync not possible", stderr);

        // Committing the edit clears the way: the next sweep pulls and says so once.
        GitRepos.Run(engine.ContentRoot, "commit", "--quiet", "-am", "Local edit");
        var third = await engine.SweepAsync();
        Assert.Equal(GitSyncOutcome.Problem, third.Sync!.Outcome);
        Assert.Contains("not made by the bot", third.Sync.Problem);
        Assert.Equal(2, (await engine.OutboxAsync()).Count(m => m.Kind == OutboxKind.PostAlert));
        Assert.Equal("1", GitRepos.Run(engine.ContentRoot, "rev-list", "--count", "origin/main..HEAD").Trim());
    }

    [Fact]
    public async Task An_unreachable_remote_leaves_the_local_copy_and_the_sweep_runs()
    {
        var (repos, engine) = await StartAsync();
        using var _ = repos;
        await using var __ = engine;
        GitRepos.Run(engine.ContentRoot, "remote", "set-url", "origin", Path.Combine(Path.GetTempPath(), "no-such-forge-" + Guid.NewGuid().ToString("N"), "site.git"));
        var local = engine.Write("posts/local.md", Draft);

        var result = await engine.SweepAsync();

        Assert.Equal(GitSyncOutcome.Problem, result.Sync!.Outcome);
        Assert.Contains("cannot fetch origin/main", result.Sync.Problem);
        Assert.Equal(1, result.Drafts);
        Assert.True(File.Exists(local));
        Assert.Single(await engine.OutboxAsync(), m => m.Kind == OutboxKind.PostAlert);

        // The remote comes back: the problem is over, and admins hear that once.
        GitRepos.Run(engine.ContentRoot, "remote", "set-url", "origin", repos.Remote);
        var back = await engine.SweepAsync();
        Assert.Equal(GitSyncOutcome.UpToDate, back.Sync!.Outcome);
        var alerts = (await engine.OutboxAsync()).Where(m => m.Kind == OutboxKind.PostAlert).ToList();
        Assert.Equal(2, alerts.Count);
        Assert.Contains("works again", alerts[1].Payload);
        Assert.Null(engine.Services.GetRequiredService<GitSyncState>().Load());
    }

    [Fact]
    public async Task The_bots_unpushed_publish_commit_is_rebased_onto_the_moved_remote()
    {
        var (repos, engine) = await StartAsync();
        using var _ = repos;
        await using var __ = engine;
        repos.PushUpstream("posts/ep1.md", Draft);
        await engine.SweepAsync();
        // A publish commit the bot could not push (the forge was down).
        File.WriteAllText(engine.Path("posts/ep1.md"), Draft.Replace("draft: true", "draft: false\nstatus: published"));
        GitRepos.Run(engine.ContentRoot, "commit", "--quiet", "-am", "Publish \"上游草稿\"\n\nEpisode-Id: 00000000-0000-0000-0000-000000000001\n");
        repos.PushUpstream("posts/ep2.md", Draft.Replace("上游草稿", "第二集"));

        var result = await engine.SweepAsync();

        Assert.Equal(GitSyncOutcome.Rebased, result.Sync!.Outcome);
        Assert.True(File.Exists(engine.Path("posts/ep2.md")));
        Assert.Contains("draft: false", File.ReadAllText(engine.Path("posts/ep1.md")));
        Assert.Equal("1\t0", GitRepos.Run(engine.ContentRoot, "rev-list", "--left-right", "--count", "HEAD...origin/main").Trim());
        // Never pushed by the sync.
        Assert.Contains("draft: true", repos.OnRemote("posts/ep1.md"));
    }

    [Fact]
    public async Task A_conflicting_rebase_is_aborted_and_the_local_commit_kept()
    {
        var (repos, engine) = await StartAsync();
        using var _ = repos;
        await using var __ = engine;
        repos.PushUpstream("posts/ep1.md", Draft);
        await engine.SweepAsync();
        File.WriteAllText(engine.Path("posts/ep1.md"), Draft.Replace("draft: true", "draft: false"));
        GitRepos.Run(engine.ContentRoot, "commit", "--quiet", "-am", "Publish\n\nEpisode-Id: 00000000-0000-0000-0000-000000000001\n");
        var local = GitRepos.Run(engine.ContentRoot, "rev-parse", "HEAD").Trim();
        repos.PushUpstream("posts/ep1.md", Draft.Replace("draft: true", "draft: yes"), "Upstream edits the same line");

        var result = await engine.SweepAsync();

        Assert.Equal(GitSyncOutcome.Problem, result.Sync!.Outcome);
        Assert.Contains("conflict", result.Sync.Problem);
        Assert.Equal(local, GitRepos.Run(engine.ContentRoot, "rev-parse", "HEAD").Trim());
        Assert.Equal("", GitRepos.Run(engine.ContentRoot, "status", "--porcelain"));
        Assert.Contains("draft: false", File.ReadAllText(engine.Path("posts/ep1.md")));
    }
}
