using System.Diagnostics;
using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Content;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;
using static EditorialBot.Tests.Support.TestEngine;

namespace EditorialBot.Tests.Workflow.Scenarios;

/// <summary>
/// A publish is: record the intent, write the file, record the result. These tests stop it between
/// the steps (by doing the steps by hand, as a crash would leave them) and restart the engine.
/// </summary>
public sealed class PublishRecoveryTests
{
    [Fact]
    public async Task Publishes_of_one_note_started_together_publish_it_once()
    {
        // Each publish has its own connection, as separate processes would: on PostgreSQL the intent is taken under
        // the writers' advisory lock, on SQLite under its write lock, so one claims the note and the others see it.
        await using var engine = await TestEngine.StartAsync(("Review:RequireClaimsResolved", "false"), ("Review:AutoPublish", "false"));
        var path = engine.Write("ev.md", Notes.Draft());
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;
        await engine.Reviews.ApproveAsync(id, Ana);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => engine.Reviews.PublishAsync(id, Ana))));

        Assert.Single(outcomes, o => o.Status == OutcomeStatus.Done);
        Assert.Contains("draft: false", File.ReadAllText(path));
        Assert.Single(await engine.AuditAsync(id), a => a.Action == "published");
        Assert.Equal(EpisodeState.Published, (await engine.EpisodeByIdAsync(id)).State);
    }

    [Fact]
    public async Task A_crash_after_the_file_write_is_completed_at_the_next_start()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RequireClaimsResolved", "false"), ("Review:AutoPublish", "false"));
        var path = engine.Write("ev.md", Notes.Draft());
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;
        await engine.Reviews.ApproveAsync(id, Ana);

        await MarkPendingAsync(engine, id, PendingFileChange.Publish);
        var write = Publisher.Publish(engine.ContentRoot, path, new PublishSettings(), DraftDialect.Eleventy, (await engine.EpisodeByIdAsync(id)).ContentHash);
        Assert.Equal(PublishOutcome.Published, write.Outcome);
        // ... crash: the database still says "approved, publish pending".

        await engine.RestartAsync();
        var report = await engine.Publisher.RecoverAsync();

        Assert.Contains("ev.md: publish interrupted after the file was written; completed", report);
        var episode = await engine.EpisodeByIdAsync(id);
        Assert.Equal(EpisodeState.Published, episode.State);
        Assert.Null(episode.PendingChange);
        Assert.Equal(write.ContentHash, episode.ContentHash);
        Assert.Equal(VoteStatus.Active, episode.Votes.Single().Status);
        var audit = await engine.AuditAsync(id);
        Assert.Contains(audit, a => a.Action == "published" && a.Details!.Contains("approved by ana") && a.Details.Contains("completed at start-up"));
        Assert.Empty((await engine.SweepAsync()).Events);
        Assert.Empty(await engine.Publisher.RecoverAsync());
    }

    [Fact]
    public async Task A_crash_before_the_file_write_is_rolled_back_at_the_next_start()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RequireClaimsResolved", "false"), ("Review:AutoPublish", "false"));
        var original = Notes.Draft();
        var path = engine.Write("ev.md", original);
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;
        await engine.Reviews.ApproveAsync(id, Ana);
        await MarkPendingAsync(engine, id, PendingFileChange.Publish);
        Assert.Equal(OutcomeStatus.Refused, (await engine.Reviews.PublishAsync(id, Ana)).Status);

        await engine.RestartAsync();
        var report = await engine.Publisher.RecoverAsync();

        Assert.Contains("ev.md: publish interrupted before the file was written; rolled back", report);
        Assert.Equal(original, File.ReadAllText(path));
        var episode = await engine.EpisodeByIdAsync(id);
        Assert.Equal(EpisodeState.Approved, episode.State);
        Assert.Null(episode.PendingChange);
        Assert.Contains(await engine.AuditAsync(id), a => a.Action == "publish-abandoned");

        var publish = await engine.Reviews.PublishAsync(id, Ana);
        Assert.Equal(OutcomeStatus.Done, publish.Status);
        Assert.Contains("draft: false", File.ReadAllText(path));
    }

    [Fact]
    public async Task A_publish_rolled_back_by_recovery_is_retried_by_the_next_sweep()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RequireClaimsResolved", "false"));
        var path = engine.Write("ev.md", Notes.Draft());
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;
        // The approval passes the review while a crashed publish still holds the episode: auto-publish is refused.
        await MarkPendingAsync(engine, id, PendingFileChange.Publish);
        await engine.Reviews.ApproveAsync(id, Ana);
        Assert.Contains("draft: true", File.ReadAllText(path));

        await engine.RestartAsync();
        Assert.Contains("ev.md: publish interrupted before the file was written; rolled back", await engine.Publisher.RecoverAsync());
        Assert.Equal(EpisodeState.Approved, (await engine.EpisodeByIdAsync(id)).State);

        await engine.SweepAsync();

        var episode = await engine.EpisodeByIdAsync(id);
        Assert.Equal(EpisodeState.Published, episode.State);
        Assert.Contains("draft: false", File.ReadAllText(path));
        Assert.Contains(await engine.AuditAsync(id), a => a.Action == "published" && a.Details!.Contains("approved by ana"));
        Assert.Empty((await engine.SweepAsync()).Events);
    }

    [Fact]
    public async Task A_sweep_with_auto_publish_off_leaves_a_passed_review_unpublished()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RequireClaimsResolved", "false"), ("Review:AutoPublish", "false"));
        var path = engine.Write("ev.md", Notes.Draft());
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;
        await engine.Reviews.ApproveAsync(id, Ana);

        await engine.SweepAsync();

        Assert.Equal(EpisodeState.Approved, (await engine.EpisodeByIdAsync(id)).State);
        Assert.Contains("draft: true", File.ReadAllText(path));
    }

    [Fact]
    public async Task A_pending_publish_whose_file_was_edited_meanwhile_is_left_to_the_next_sweep()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RequireClaimsResolved", "false"), ("Review:AutoPublish", "false"));
        engine.Write("ev.md", Notes.Draft());
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;
        await engine.Reviews.ApproveAsync(id, Ana);
        await MarkPendingAsync(engine, id, PendingFileChange.Publish);
        var stat = File.GetLastWriteTimeUtc(engine.Path("ev.md"));
        File.WriteAllText(engine.Path("ev.md"), Notes.Draft(body: Notes.Body("有人在中途改了正文。")));
        File.SetLastWriteTimeUtc(engine.Path("ev.md"), stat);

        await engine.RestartAsync();
        Assert.Contains("ev.md: publish interrupted and the file was changed elsewhere; left for the next sweep", await engine.Publisher.RecoverAsync());
        var sweep = await engine.SweepAsync();
        Assert.Contains("body changed", Assert.Single(sweep.Events).Detail);
        Assert.Equal(EpisodeState.Stale, (await engine.EpisodeByIdAsync(id)).State);
    }

    [Fact]
    public async Task Publishing_with_git_commits_just_that_file_with_review_trailers()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RequireClaimsResolved", "false"), ("Git:Commit", "true"));
        Git(engine.ContentRoot, "init", "--quiet", "-b", "main");
        Git(engine.ContentRoot, "config", "user.name", "Test Bot");
        Git(engine.ContentRoot, "config", "user.email", "bot@example.invalid");
        engine.Write("ev.md", Notes.Draft());
        engine.Write("other.md", Notes.Draft(title: "另一期"));
        Git(engine.ContentRoot, "add", ".");
        Git(engine.ContentRoot, "commit", "--quiet", "-m", "drafts");
        engine.Write("other.md", Notes.Draft(title: "另一期（未提交的修改）"));
        Git(engine.ContentRoot, "add", "other.md");
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;
        await engine.Reviews.SetClaimVerdictAsync(id, 1, ClaimVerdict.Verified, Ben);

        var outcome = await engine.Reviews.ApproveAsync(id, Ana);

        Assert.NotNull(outcome.Published?.Commit);
        var message = Git(engine.ContentRoot, "log", "-1", "--format=%B");
        Assert.StartsWith("Publish \"电动车出海：数字背后的真相\"", message);
        Assert.Contains("Approved-by: ana", message);
        Assert.Contains($"Episode-Id: {id}", message);
        Assert.Contains("Claim-verdict: #1 verified by ben", message);
        Assert.Equal("ev.md", Git(engine.ContentRoot, "show", "--name-only", "--format=", "HEAD").Trim());
        Assert.Contains("M  other.md", Git(engine.ContentRoot, "status", "--porcelain"));
        Assert.Equal(outcome.Published!.Commit, (await engine.EpisodeByIdAsync(id)).PublishCommit);
        Assert.Contains(await engine.OutboxAsync(id), m => m.Kind == OutboxKind.PostNotice && m.Payload!.Contains(outcome.Published.Commit!));
    }

    private static async Task MarkPendingAsync(TestEngine engine, Guid id, PendingFileChange change)
    {
        await using var db = engine.Db();
        var episode = await db.Episodes.SingleAsync(e => e.Id == id);
        episode.PendingChange = change;
        episode.PendingBy = "ana (1001)";
        episode.PendingSince = engine.Clock.GetUtcNow();
        episode.StatusBeforePublish = "evergreen";
        episode.DraftBeforePublish = "true";
        await db.SaveChangesAsync();
    }

    private static string Git(string folder, params string[] args)
    {
        ProcessStartInfo start = new("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
        return output;
    }
}
