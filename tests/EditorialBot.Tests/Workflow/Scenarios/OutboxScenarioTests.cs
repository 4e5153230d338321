using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;
using static EditorialBot.Tests.Support.TestEngine;

namespace EditorialBot.Tests.Workflow.Scenarios;

public sealed class OutboxScenarioTests
{
    [Fact]
    public async Task Operations_are_delivered_in_order_per_episode_and_ids_are_kept()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RequireClaimsResolved", "false"));
        engine.Write("a.md", Notes.Draft(title: "甲"));
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("a.md")).Id;
        await engine.Reviews.RequestChangesAsync(id, Ben, "再核对一下");
        await engine.Reviews.SetClaimVerdictAsync(id, 1, ClaimVerdict.NeedsSource, Ana);

        // Card edits wait a moment (to absorb bursts): the episode's queue stops at the first one until it is due.
        var (delivered, failed) = await engine.Dispatcher.DeliverDueAsync();
        Assert.Equal(["post-card a.md", "post-claims a.md 1", "notice a.md ChangesRequested"], engine.Channel.Calls);
        engine.Clock.Advance(Outbox.CardEditDelay);
        var (later, laterFailed) = await engine.Dispatcher.DeliverDueAsync();
        delivered += later;
        failed += laterFailed;
        Assert.Equal(0, failed);
        Assert.Equal(
            ["post-card a.md", "post-claims a.md 1", "notice a.md ChangesRequested", "update-card a.md ChangesRequested", "update-claim a.md 1 NeedsSource", "update-card a.md ChangesRequested"],
            engine.Channel.Calls);
        Assert.Equal(delivered, engine.Channel.Calls.Count);
        var episode = await engine.EpisodeByIdAsync(id);
        Assert.NotNull(episode.ReviewMessageId);
        Assert.NotNull(episode.ReviewThreadId);
        Assert.All(episode.Claims, c => Assert.NotNull(c.MessageId));
        Assert.All(await engine.OutboxAsync(), m => Assert.NotNull(m.DeliveredAt));
        Assert.Equal((0, 0), await engine.Dispatcher.DeliverDueAsync());
    }

    [Fact]
    public async Task An_outage_is_retried_with_backoff_without_reordering_and_survives_a_restart()
    {
        await using var engine = await TestEngine.StartAsync();
        engine.Write("a.md", Notes.Draft(title: "甲"));
        engine.Write("b.md", Notes.Draft(title: "乙", body: Notes.Body(Notes.FactThree)));
        await engine.SweepAsync();

        engine.Channel.FailNext = 1;
        engine.Channel.FailOnly = "a.md";
        var (delivered, failed) = await engine.Dispatcher.DeliverDueAsync();
        Assert.Equal(1, failed);
        // a.md's head failed, so a.md waits; b.md went on.
        Assert.Equal(["post-card b.md", "post-claims b.md 2"], engine.Channel.Calls);
        Assert.Equal(2, delivered);
        var head = (await engine.OutboxAsync()).First(m => m.DeliveredAt == null);
        Assert.Equal((1, OutboxKind.PostCard), (head.Attempts, head.Kind));
        Assert.Contains("review channel unavailable", head.LastError);
        Assert.Equal(engine.Clock.GetUtcNow() + OutboxDispatcher.Backoff(1), head.NextAttemptAt);

        await engine.RestartAsync();
        Assert.Equal((0, 0), await engine.Dispatcher.DeliverDueAsync());
        engine.Clock.Advance(OutboxDispatcher.Backoff(1));
        engine.Channel.FailNext = 1;
        await engine.Dispatcher.DeliverDueAsync();
        var again = (await engine.OutboxAsync()).First(m => m.DeliveredAt == null);
        Assert.Equal(2, again.Attempts);
        Assert.Equal(engine.Clock.GetUtcNow() + OutboxDispatcher.Backoff(2), again.NextAttemptAt);

        engine.Clock.Advance(TimeSpan.FromHours(1));
        await engine.Dispatcher.DeliverDueAsync();
        Assert.Equal(["post-card b.md", "post-claims b.md 2", "post-card a.md", "post-claims a.md 1"], engine.Channel.Calls);
        Assert.All(await engine.OutboxAsync(), m => Assert.NotNull(m.DeliveredAt));
        Assert.Equal(engine.Channel.Keys.Count, engine.Channel.Keys.Distinct().Count());
    }

    [Fact]
    public async Task A_card_is_never_posted_twice_when_a_post_is_delivered_again()
    {
        await using var engine = await TestEngine.StartAsync();
        engine.Write("a.md", Notes.Draft());
        await engine.SweepAsync();
        await engine.Dispatcher.DeliverDueAsync();
        await using (var db = engine.Db())
        {
            // As if the process died after posting but before recording the delivery.
            await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveredAt, (DateTimeOffset?)null));
        }
        engine.Channel.Calls.Clear();
        await engine.Dispatcher.DeliverDueAsync();
        Assert.Equal(["update-card a.md New"], engine.Channel.Calls);
    }

    [Fact]
    public async Task A_permanent_refusal_is_parked_the_admins_are_told_once_and_an_admin_retry_delivers_it()
    {
        await using var engine = await TestEngine.StartAsync();
        engine.Write("a.md", Notes.Draft(title: "甲"));
        engine.Write("b.md", Notes.Draft(title: "乙", body: Notes.Body(Notes.FactThree)));
        await engine.SweepAsync();

        engine.Channel.RefuseForGood = true;
        engine.Channel.FailOnly = "a.md";
        var (delivered, failed) = await engine.Dispatcher.DeliverDueAsync();
        Assert.Equal(2, failed);
        var calls = engine.Channel.Snapshot();
        // b.md is delivered; a.md's card and claims are both parked (neither blocks the other), with one alert for both.
        Assert.Equal(["post-card b.md", "post-claims b.md 2"], calls.Where(c => c.Contains("b.md", StringComparison.Ordinal)));
        var alert = Assert.Single(calls, c => c.StartsWith("alert ", StringComparison.Ordinal));
        Assert.Contains("甲", alert);
        Assert.Equal(3, delivered);
        await using (var db = engine.Db())
        {
            var parked = await Outbox.ListParkedAsync(db);
            Assert.Equal([OutboxKind.PostCard, OutboxKind.PostClaims], parked.Select(p => p.Kind));
            Assert.All(parked, p => Assert.Contains("refused for good", p.Error));
            Assert.Empty(await Outbox.Pending(db).ToListAsync());
        }
        Assert.Equal((0, 0), await engine.Dispatcher.DeliverDueAsync());

        // Fixed: an admin retries; delivered in the original order.
        engine.Channel.RefuseForGood = false;
        await using (var db = engine.Db())
        {
            Assert.Equal(2, await Outbox.RetryParkedAsync(db, null, engine.Clock.GetUtcNow()));
        }
        await engine.Dispatcher.DeliverDueAsync();
        Assert.Equal(["post-card a.md", "post-claims a.md 1"], engine.Channel.Snapshot().Where(c => c.StartsWith("post-", StringComparison.Ordinal) && c.Contains("a.md", StringComparison.Ordinal)));
        Assert.All(await engine.OutboxAsync(), m => Assert.NotNull(m.DeliveredAt));
        Assert.Single(engine.Channel.Snapshot(), c => c.StartsWith("alert ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_burst_of_votes_becomes_one_card_edit()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RequiredApprovals", "5"));
        engine.Write("a.md", Notes.Draft(title: "甲"));
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("a.md")).Id;
        await engine.Dispatcher.DeliverDueAsync();
        engine.Channel.Calls.Clear();

        foreach (var who in new[] { Ana, Ben, Boss })
        {
            await engine.Reviews.ApproveAsync(id, who);
        }
        await engine.Reviews.RetractAsync(id, Ben);
        await engine.Dispatcher.DeliverDueAsync();
        Assert.Empty(engine.Channel.Calls);
        engine.Clock.Advance(Outbox.CardEditDelay);
        await engine.Dispatcher.DeliverDueAsync();
        Assert.StartsWith("update-card a.md", Assert.Single(engine.Channel.Calls));

        // Once that edit was taken for delivery, a new vote queues a new edit (it must show the new state).
        await engine.Reviews.ApproveAsync(id, Ben);
        engine.Clock.Advance(Outbox.CardEditDelay);
        await engine.Dispatcher.DeliverDueAsync();
        Assert.Equal(2, engine.Channel.Calls.Count);
        Assert.All(engine.Channel.Calls, c => Assert.StartsWith("update-card a.md", c));
    }

    [Fact]
    public async Task Backoff_grows_and_is_capped()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), OutboxDispatcher.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(10), OutboxDispatcher.Backoff(2));
        Assert.Equal(TimeSpan.FromMinutes(15), OutboxDispatcher.Backoff(40));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_digest_lists_reviews_waiting_too_long()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RemindAfterHours", "48"));
        engine.Write("a.md", Notes.Draft(title: "甲"));
        await engine.SweepAsync();
        var queued = await EditorialBot.Bot.Jobs.ReviewReminderJob.QueueDigestAsync(
            engine.Services.GetService<IDbContextFactory<EditorialDbContext>>()!, engine.Settings, engine.Clock, CancellationToken.None);
        Assert.False(queued);

        engine.Clock.Advance(TimeSpan.FromHours(49));
        Assert.True(await EditorialBot.Bot.Jobs.ReviewReminderJob.QueueDigestAsync(
            engine.Services.GetService<IDbContextFactory<EditorialDbContext>>()!, engine.Settings, engine.Clock, CancellationToken.None));
        await engine.Dispatcher.DeliverDueAsync();
        Assert.Contains("digest 1", engine.Channel.Calls);
    }

    [Fact]
    public async Task A_sweep_prunes_delivered_work_older_than_the_retention_and_keeps_the_rest()
    {
        await using var engine = await TestEngine.StartAsync(("Outbox:RetentionDays", "7"));
        engine.Write("old.md", Notes.Draft(title: "旧的一期"));
        await engine.SweepAsync();
        var (delivered, _) = await engine.Dispatcher.DeliverDueAsync();
        Assert.True(delivered > 0);

        engine.Clock.Advance(TimeSpan.FromDays(6));
        engine.Write("new.md", Notes.Draft(title: "新的一期"));
        await engine.SweepAsync();
        await engine.Dispatcher.DeliverDueAsync();
        engine.Write("waiting.md", Notes.Draft(title: "还没送出的一期"));
        engine.Clock.Advance(TimeSpan.FromDays(2));
        await engine.SweepAsync();

        var rows = await engine.OutboxAsync();
        var old = (await engine.EpisodeAsync("old.md")).Id;
        var recent = (await engine.EpisodeAsync("new.md")).Id;
        var waiting = (await engine.EpisodeAsync("waiting.md")).Id;
        Assert.DoesNotContain(rows, m => m.EpisodeId == old);
        Assert.Contains(rows, m => m.EpisodeId == recent && m.DeliveredAt != null);
        Assert.Contains(rows, m => m.EpisodeId == waiting && m.DeliveredAt == null);
    }
}

file static class ServiceProviderExtensions
{
    public static T? GetService<T>(this IServiceProvider services) => (T?)services.GetService(typeof(T));
}
