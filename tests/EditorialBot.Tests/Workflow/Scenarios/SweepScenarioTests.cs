using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Review;
using EditorialBot.Workflow.Sweep;
using Microsoft.EntityFrameworkCore;
using static EditorialBot.Tests.Support.TestEngine;

namespace EditorialBot.Tests.Workflow.Scenarios;

public sealed class SweepScenarioTests
{
    [Fact]
    public async Task A_moved_file_keeps_its_episode_votes_and_verdicts()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RequiredApprovals", "2"));
        engine.Write("inbox/ev.md", Notes.Draft());
        await engine.SweepAsync();
        var before = await engine.EpisodeAsync("inbox/ev.md");
        await engine.Reviews.ApproveAsync(before.Id, Ana);
        await engine.Reviews.SetClaimVerdictAsync(before.Id, 1, ClaimVerdict.Verified, Ana);

        Directory.CreateDirectory(engine.Path("2025/12"));
        File.Move(engine.Path("inbox/ev.md"), engine.Path("2025/12/ev.md"));
        var sweep = await engine.SweepAsync();

        var moved = Assert.Single(sweep.Events);
        Assert.Equal(SweepEventKind.Moved, moved.Kind);
        Assert.Equal("moved from inbox/ev.md", moved.Detail);
        await using var db = engine.Db();
        var episode = await db.Episodes.Include(e => e.Votes).Include(e => e.Claims).SingleAsync();
        Assert.Equal(before.Id, episode.Id);
        Assert.Equal("2025/12/ev.md", episode.Path);
        Assert.Equal(VoteStatus.Active, episode.Votes.Single().Status);
        Assert.Equal(ClaimVerdict.Verified, episode.Claims.Single(c => c.Number == 1).Verdict);
        Assert.Equal(["2025/12/ev.md"], await db.ScannedFiles.Select(f => f.Path).ToListAsync());
        Assert.Contains(db.AuditLog, a => a.Action == "moved" && a.Details == "inbox/ev.md -> 2025/12/ev.md");
        Assert.Empty((await engine.SweepAsync()).Events);
    }

    [Fact]
    public async Task A_deleted_file_is_gone_and_found_again_by_content_in_a_later_sweep()
    {
        await using var engine = await TestEngine.StartAsync();
        var text = Notes.Draft();
        engine.Write("ev.md", text);
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;
        await engine.Reviews.RequestChangesAsync(id, Ben, "补来源");

        File.Delete(engine.Path("ev.md"));
        var gone = await engine.SweepAsync();
        Assert.Equal(SweepEventKind.Gone, Assert.Single(gone.Events).Kind);
        Assert.Equal(EpisodeState.Gone, (await engine.EpisodeByIdAsync(id)).State);
        Assert.Equal(OutcomeStatus.Refused, (await engine.Reviews.ApproveAsync(id, Ana)).Status);
        Assert.Empty((await engine.SweepAsync()).Events);

        engine.Write("archive/ev-renamed.md", text);
        var back = await engine.SweepAsync();
        Assert.Equal(SweepEventKind.Moved, Assert.Single(back.Events).Kind);
        await using var db = engine.Db();
        var episode = await db.Episodes.Include(e => e.Votes).SingleAsync();
        Assert.Equal(id, episode.Id);
        Assert.Equal(EpisodeState.ChangesRequested, episode.State);
        Assert.Equal("archive/ev-renamed.md", episode.Path);
    }

    [Fact]
    public async Task A_broken_file_is_reported_once_not_every_sweep()
    {
        await using var engine = await TestEngine.StartAsync();
        engine.Write("ok.md", Notes.Draft());
        var path = engine.Write("bad.md", Notes.Broken);

        var first = await engine.SweepAsync();
        var broken = Assert.Single(first.Events, e => e.Kind == SweepEventKind.Broken);
        Assert.Equal("bad.md", broken.Path);
        Assert.Contains("line", broken.Detail);

        Assert.Empty((await engine.SweepAsync()).Events);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(1));
        Assert.Empty((await engine.SweepAsync()).Events);

        engine.Write("bad.md", Notes.Broken.Replace("正文", "改过的正文"));
        Assert.Equal(SweepEventKind.Broken, Assert.Single((await engine.SweepAsync()).Events).Kind);

        engine.Write("bad.md", Notes.Draft(title: "修好了"));
        var repaired = await engine.SweepAsync();
        Assert.Equal([SweepEventKind.New, SweepEventKind.Repaired], repaired.Events.Select(e => e.Kind).Order());
        await using var db = engine.Db();
        var run = await db.SweepRuns.OrderBy(r => r.Id).FirstAsync();
        Assert.Equal((2, 2, 1, 1), (run.Files, run.New + run.Errors, run.Errors, run.Broken));
    }

    [Fact]
    public async Task A_tracked_draft_that_breaks_goes_to_error_and_comes_back_with_its_votes()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RequiredApprovals", "2"));
        engine.Write("ev.md", Notes.Draft());
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;
        await engine.Reviews.ApproveAsync(id, Ana);

        engine.Write("ev.md", Notes.Broken);
        await engine.SweepAsync();
        var broken = await engine.EpisodeByIdAsync(id);
        Assert.Equal(EpisodeState.Error, broken.State);
        Assert.StartsWith("ev.md: line", broken.Error);

        engine.Write("ev.md", Notes.Draft());
        await engine.SweepAsync();
        var back = await engine.EpisodeByIdAsync(id);
        Assert.Equal(EpisodeState.InReview, back.State);
        Assert.Null(back.Error);
        Assert.Equal(VoteStatus.Active, back.Votes.Single().Status);
    }

    [Fact]
    public async Task Unchanged_files_are_not_read_and_touched_files_are_not_changes()
    {
        await using var engine = await TestEngine.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            engine.Write($"n{i}.md", Notes.Draft(title: $"第{i}期", draft: i % 2 == 0 ? "true" : "false"));
        }
        var first = await engine.SweepAsync();
        Assert.Equal((5, 3, 0), (first.Files, first.Drafts, first.Unchanged));

        var path = engine.Path("n0.md");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(1));
        var touched = await engine.SweepAsync();
        Assert.Empty(touched.Events);
        Assert.Equal((5, 3, 5), (touched.Files, touched.Drafts, touched.Unchanged));

        // Same size and modification time: the sweep trusts the stat and does not open the file.
        var stat = File.GetLastWriteTimeUtc(path);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text.Replace("第0期", "第9期"));
        File.SetLastWriteTimeUtc(path, stat);
        Assert.Empty((await engine.SweepAsync()).Events);
        File.SetLastWriteTimeUtc(path, stat.AddSeconds(1));
        Assert.Contains("title changed", Assert.Single((await engine.SweepAsync()).Events).Detail);
    }

    [Fact]
    public async Task A_draft_published_or_unpublished_outside_the_bot_is_noticed()
    {
        await using var engine = await TestEngine.StartAsync();
        engine.Write("ev.md", Notes.Draft());
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;

        engine.Write("ev.md", Notes.Draft(draft: "false"));
        Assert.Equal(SweepEventKind.PublishedOutside, Assert.Single((await engine.SweepAsync()).Events).Kind);
        Assert.Equal(EpisodeState.Published, (await engine.EpisodeByIdAsync(id)).State);

        engine.Write("ev.md", Notes.Draft());
        var again = await engine.SweepAsync();
        Assert.Contains(again.Events, e => e.Kind == SweepEventKind.UnpublishedOutside);
        Assert.Equal(EpisodeState.New, (await engine.EpisodeByIdAsync(id)).State);
    }

    [Fact]
    public async Task New_drafts_queue_a_card_and_their_claims_and_reviews_waiting_too_long_are_reported()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RemindAfterHours", "24"));
        engine.Write("ev.md", Notes.Draft());
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;
        Assert.Equal([OutboxKind.PostCard, OutboxKind.PostClaims], (await engine.OutboxAsync(id)).Select(m => m.Kind));

        engine.Clock.Advance(TimeSpan.FromHours(30));
        var later = await engine.SweepAsync();
        var stale = Assert.Single(later.StaleReviews);
        Assert.Equal(id, stale.EpisodeId);
        Assert.Equal(30, stale.WaitingHours);
    }

    [Fact]
    public async Task Front_matter_warnings_reach_the_card()
    {
        await using var engine = await TestEngine.StartAsync();
        engine.Write("ev.md", Notes.Draft(draft: "yes"));
        engine.Write("plain.md", Notes.Draft(title: "普通一期", body: Notes.Body("另一段。")));
        await engine.SweepAsync();
        await using var db = engine.Db();
        var rules = await engine.Settings.RulesAsync(db);
        var warned = await EditorialBot.Workflow.Channel.ReviewCards.LoadAsync(db, (await engine.EpisodeAsync("ev.md")).Id, rules);
        Assert.Contains(warned!.Warnings, w => w.Contains("yes", StringComparison.OrdinalIgnoreCase));
        var plain = await EditorialBot.Workflow.Channel.ReviewCards.LoadAsync(db, (await engine.EpisodeAsync("plain.md")).Id, rules);
        Assert.Empty(plain!.Warnings);
    }

    [Fact]
    public async Task Two_sweeps_at_once_run_one_after_the_other_and_create_each_episode_once()
    {
        await using var engine = await TestEngine.StartAsync();
        for (var i = 0; i < 20; i++)
        {
            engine.Write($"n{i:00}.md", Notes.Draft(title: $"第{i}期", body: Notes.Body($"第{i}段补充。")));
        }
        var results = await Task.WhenAll(engine.SweepAsync(), engine.SweepAsync(), engine.Sweeps.SweepAsync("second"));
        Assert.Equal(20, results.Sum(r => r.Count(SweepEventKind.New)));
        await using var db = engine.Db();
        Assert.Equal(20, await db.Episodes.CountAsync());
        Assert.Equal(3, await db.SweepRuns.CountAsync());
    }
}

public sealed class ReviewQueueTests
{
    [Fact]
    public async Task The_queue_resolves_searches_and_lists_history()
    {
        await using var engine = await TestEngine.StartAsync();
        engine.Write("a.md", Notes.Draft(title: "芯片产能之争"));
        engine.Write("b.md", Notes.Draft(title: "能源价格", body: Notes.Body("另一段。")));
        await engine.SweepAsync();
        await using var db = engine.Db();

        var (id, problem) = await ReviewQueue.ResolveAsync(db, "a.md");
        Assert.Null(problem);
        Assert.Equal((await engine.EpisodeAsync("a.md")).Id, id);
        Assert.Equal(id, (await ReviewQueue.ResolveAsync(db, id!.Value.ToString()[..8])).Id);
        Assert.Equal(id, (await ReviewQueue.ResolveAsync(db, "芯片产能之争")).Id);
        Assert.NotNull((await ReviewQueue.ResolveAsync(db, "nothing")).Problem);

        Assert.Equal(["芯片产能之争"], (await ReviewQueue.SearchAsync(db, "芯片")).Select(r => r.Title));
        Assert.Equal(2, (await ReviewQueue.SearchAsync(db, "")).Count);
        Assert.Equal("discovered", Assert.Single(await ReviewQueue.HistoryAsync(db, id.Value)).Action);
    }

    [Fact]
    public async Task A_failed_sweep_is_recorded()
    {
        await using var engine = await TestEngine.StartAsync();
        Directory.Delete(engine.ContentRoot);
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => engine.SweepAsync());
        await using var db = engine.Db();
        Assert.Contains("Content folder not found", (await db.SweepRuns.SingleAsync()).Failure);
    }
}
