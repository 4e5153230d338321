using System.Diagnostics;
using EditorialBot.Bot.Cli;
using EditorialBot.Bot.Cluster;
using EditorialBot.Bot.Desk;
using EditorialBot.Storage;
using EditorialBot.Tests.Desk;
using EditorialBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Tests.Cluster;

/// <summary>Real bot processes on one PostgreSQL database.</summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class ClusterProcessTests
{
    [PostgresFact]
    public async Task Two_sweeps_started_on_two_instances_at_once_never_overlap()
    {
        await using var cluster = await ClusterHarness.CreateAsync();
        const int drafts = 30;
        cluster.WriteDrafts(drafts);

        var one = cluster.Start("one", ["sweep", "--json"]);
        var two = cluster.Start("two", ["sweep", "--json"]);
        Assert.Equal(0, await one.ExitCodeAsync());
        Assert.Equal(0, await two.ExitCodeAsync());

        var runs = await cluster.QueryAsync(db => db.SweepRuns.OrderBy(r => r.StartedAt).ToListAsync());
        Assert.Equal(2, runs.Count);
        Assert.True(runs[0].FinishedAt <= runs[1].StartedAt, $"sweeps overlapped: {runs[0].StartedAt:O}-{runs[0].FinishedAt:O} and {runs[1].StartedAt:O}");
        Assert.Equal([drafts, 0], runs.Select(r => r.New));
        Assert.Equal(drafts, await cluster.QueryAsync(db => db.Episodes.CountAsync()));
        Assert.Equal(drafts, await cluster.QueryAsync(db => db.Outbox.CountAsync(m => m.Kind == OutboxKind.PostCard)));
    }

    [PostgresFact]
    public async Task Kill_9_of_the_holder_hands_the_gateway_to_the_standby_which_identifies_once_and_finishes_delivery()
    {
        await using var cluster = await ClusterHarness.CreateAsync();
        const int drafts = 4;
        cluster.WriteDrafts(drafts);

        var one = cluster.StartBot("one");
        await cluster.WaitForHolderAsync("one");
        await cluster.AcceptLoginAsync();
        var two = cluster.StartBot("two");
        await cluster.WaitForLineAsync(two, "standing by");
        var identifies = cluster.Fake.Gateway.Identifies;

        one.Kill();
        var clock = Stopwatch.StartNew();
        await cluster.AcceptLoginAsync(seconds: 120);
        var failover = clock.Elapsed;

        Assert.Equal("two", await cluster.HolderAsync());
        Assert.Equal(identifies + 1, cluster.Fake.Gateway.Identifies);
        Assert.True(failover < TimeSpan.FromSeconds(30), $"the standby identified {failover.TotalSeconds:0.0} s after the kill:\n{two.Output}");
        await cluster.WaitForAsync(async () => await cluster.QueryAsync(db => db.Outbox.CountAsync(m => m.DeliveredAt == null)) == 0, "the standby to finish delivery");
        var cards = cluster.Cards();
        Assert.Equal(drafts, cards.Count);
        Assert.Equal(drafts, cards.Select(c => c.Embeds[0]!["title"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(identifies + 1, cluster.Fake.Gateway.Identifies);
    }

    [PostgresFact]
    public async Task A_holder_paused_longer_than_its_lease_steps_down_without_a_word_to_Discord_when_woken()
    {
        await using var cluster = await ClusterHarness.CreateAsync();
        // Short heartbeats: one is long overdue when the paused holder wakes, and would go out at once if nothing stopped it.
        cluster.Fake.Gateway.HeartbeatInterval = TimeSpan.FromSeconds(1);
        var one = cluster.StartBot("one");
        await cluster.WaitForHolderAsync("one");
        await cluster.AcceptLoginAsync();
        var oneConnection = cluster.Fake.Gateway.Current;
        var two = cluster.StartBot("two");
        await cluster.WaitForLineAsync(two, "standing by");

        one.Pause();
        await cluster.AcceptLoginAsync(seconds: 120, onNewConnection: true);
        Assert.Equal("two", await cluster.HolderAsync());
        var identifies = cluster.Fake.Gateway.Identifies;
        var heartbeats = oneConnection.HeartbeatsReceived;
        one.Resume();

        var exit = await one.ExitCodeAsync();
        Assert.True(exit == ExitCodes.SteppedDown, $"exit code {exit}:\n{one.Output}");
        Assert.Contains(one.Lines, l => l.Contains("lost the gateway lease", StringComparison.Ordinal));
        Assert.Equal(heartbeats, oneConnection.HeartbeatsReceived);
        Assert.Equal(identifies, cluster.Fake.Gateway.Identifies);
        Assert.Equal("two", await cluster.HolderAsync());
        Assert.False(two.HasExited);
    }

    [PostgresRestartFact]
    public async Task A_postgres_restart_under_load_costs_the_live_instance_nothing()
    {
        await using var cluster = await ClusterHarness.CreateAsync();
        // Slow delivery, so the restart lands in the middle of it.
        cluster.Fake.DefaultRateLimit = new("bucket-default", 2, TimeSpan.FromSeconds(1));
        const int drafts = 8;
        cluster.WriteDrafts(drafts);
        // A lease long enough to outlive the restart: the holder must ride it out, not step down.
        var one = cluster.StartBot("one", ("Cluster:Lease", "00:00:30"), ("Cluster:Renew", "00:00:05"));
        await cluster.WaitForHolderAsync("one");
        await cluster.AcceptLoginAsync();
        await cluster.WaitForAsync(() => Task.FromResult(cluster.Cards().Count >= 1), "the first card");

        var cardsAtRestart = cluster.Cards().Count;
        await TestPostgres.RestartAsync();
        Assert.True(cardsAtRestart < drafts, "delivery had finished before the restart; the test needs a slower fake");

        await cluster.WaitForAsync(async () => await cluster.QueryAsync(db => db.Outbox.CountAsync(m => m.DeliveredAt == null)) == 0, "the outbox to empty after the restart", seconds: 240);
        Assert.False(one.HasExited, one.Output);
        Assert.Equal("one", await cluster.HolderAsync());
        var cards = cluster.Cards();
        Assert.Equal(drafts, cards.Count);
        Assert.Equal(drafts, cards.Select(c => c.Embeds[0]!["title"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(drafts, await cluster.QueryAsync(db => db.Episodes.CountAsync(e => e.ReviewMessageId != null)));
        Assert.Equal(1, cluster.Fake.Gateway.Identifies);
    }
}

/// <summary>The process tests start many processes: they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterProcessCollection
{
    public const string Name = "cluster processes";
}
