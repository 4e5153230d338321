using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Channel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EditorialBot.Tests.Storage;

public sealed class OutboxSignalTests
{
    [Fact]
    public async Task Outbox_work_raises_the_signal_once_it_is_committed_and_never_when_rolled_back()
    {
        await using var engine = await TestEngine.StartAsync();
        var signal = engine.Services.GetRequiredService<OutboxSignal>();
        var dbs = engine.Services.GetRequiredService<IDbContextFactory<EditorialDbContext>>();
        var digest = new ReviewDigest(engine.Clock.GetUtcNow(), 48, []);

        await using (var db = await dbs.CreateDbContextAsync())
        {
            // Through the execution strategy, as PostgreSQL's retrying one requires of a transaction.
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                Outbox.Enqueue(db, null, OutboxKind.PostDigest, engine.Clock.GetUtcNow(), digest);
                await db.SaveChangesAsync();
                Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), "saved but not yet committed");
                await transaction.CommitAsync();
                Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), "committed");
            });
        }

        await using (var db = await dbs.CreateDbContextAsync())
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                Outbox.Enqueue(db, null, OutboxKind.PostDigest, engine.Clock.GetUtcNow(), digest);
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
                Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), "rolled back");
            });
        }

        await using (var db = await dbs.CreateDbContextAsync())
        {
            db.RuntimeSettings.Add(new RuntimeSetting { Key = "Review:RequiredApprovals", Value = "2", UpdatedAt = engine.Clock.GetUtcNow(), UpdatedBy = "test" });
            await db.SaveChangesAsync();
            Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), "no outbox rows");

            Outbox.Enqueue(db, null, OutboxKind.PostDigest, engine.Clock.GetUtcNow(), digest);
            await db.SaveChangesAsync();
            Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), "saved outside a transaction");
        }
    }

    [Fact]
    public async Task A_review_action_wakes_the_delivery_loop_without_the_caller_asking()
    {
        await using var engine = await TestEngine.StartAsync();
        engine.Write("ev.md", Notes.Draft());
        await engine.SweepAsync();
        await engine.Dispatcher.DeliverDueAsync();
        var episode = await engine.EpisodeAsync("ev.md");
        var signal = engine.Services.GetRequiredService<OutboxSignal>();
        while (await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None))
        {
            // Drain what the sweep raised: from here on only the approval can raise it.
        }

        using var stop = new CancellationTokenSource();
        // Polling once an hour: within the test only the signal can wake the loop.
        var loop = engine.Dispatcher.RunAsync(TimeSpan.FromHours(1), stop.Token);
        // Let its first pass (which finds nothing due) end, so that what follows is delivered only if the commit wakes it.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var before = engine.Channel.Snapshot().Count;
        Assert.True((await engine.Reviews.ApproveAsync(episode.Id, TestEngine.Ana)).Ok);
        // The card edit waits out its coalescing delay (on the test's clock) once the signal has woken the loop.
        engine.Clock.Advance(Outbox.CardEditDelay);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (engine.Channel.Snapshot().Count == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        await stop.CancelAsync();
        await loop;
        Assert.Contains(engine.Channel.Snapshot().Skip(before), static op => op.StartsWith("update-card ev.md", StringComparison.Ordinal));
    }
}
