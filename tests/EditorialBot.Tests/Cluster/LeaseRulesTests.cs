using EditorialBot.Bot.Cluster;
using EditorialBot.Storage;
using EditorialBot.Tests.Support;

namespace EditorialBot.Tests.Cluster;

/// <summary>The lease row on a real database (SQLite, or PostgreSQL when the tests run on it).</summary>
public sealed class LeaseRulesTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_lease = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Of_many_racing_for_a_free_lease_exactly_one_wins()
    {
        using var database = await TestDatabase.CreateAsync();
        var racers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await using var db = database.Open();
            return (Owner: $"i{i}", Term: await LeaseRules.TryTakeAsync(db, Lease.Gateway, $"i{i}", s_t0, s_lease, default));
        }));
        var results = await Task.WhenAll(racers);

        var winner = Assert.Single(results, r => r.Term is not null);
        Assert.Equal(1, winner.Term);
        await using var check = database.Open();
        Assert.Equal(winner.Owner, (await LeaseRules.ReadAsync(check, Lease.Gateway, default))!.Owner);
    }

    [Fact]
    public async Task A_held_lease_is_renewed_by_its_holder_only_and_taken_over_once_expired()
    {
        using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        var term = await LeaseRules.TryTakeAsync(db, Lease.Gateway, "a", s_t0, s_lease, default);
        Assert.Equal(1, term);

        Assert.Null(await LeaseRules.TryTakeAsync(db, Lease.Gateway, "b", s_t0.AddSeconds(10), s_lease, default));
        Assert.True(await LeaseRules.RenewAsync(db, Lease.Gateway, "a", 1, s_t0.AddSeconds(10), s_lease, default));
        Assert.False(await LeaseRules.RenewAsync(db, Lease.Gateway, "b", 1, s_t0.AddSeconds(10), s_lease, default));
        // Renewed at +10 s: still held at +20 s, expired at +26 s.
        Assert.Null(await LeaseRules.TryTakeAsync(db, Lease.Gateway, "b", s_t0.AddSeconds(20), s_lease, default));
        Assert.Equal(2, await LeaseRules.TryTakeAsync(db, Lease.Gateway, "b", s_t0.AddSeconds(26), s_lease, default));

        // The old holder, back from a pause, cannot renew: the term moved on.
        Assert.False(await LeaseRules.RenewAsync(db, Lease.Gateway, "a", 1, s_t0.AddSeconds(27), s_lease, default));
        var row = await LeaseRules.ReadAsync(db, Lease.Gateway, default);
        Assert.Equal(("b", 2L), (row!.Owner, row.Term));
    }

    [Fact]
    public async Task A_released_lease_is_free_at_once_and_a_stale_release_changes_nothing()
    {
        using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        Assert.Equal(1, await LeaseRules.TryTakeAsync(db, Lease.Gateway, "a", s_t0, s_lease, default));
        Assert.Equal(0, await LeaseRules.ReleaseAsync(db, Lease.Gateway, "a", 7, default));
        Assert.Equal(1, await LeaseRules.ReleaseAsync(db, Lease.Gateway, "a", 1, default));

        Assert.Equal(2, await LeaseRules.TryTakeAsync(db, Lease.Gateway, "b", s_t0.AddSeconds(1), s_lease, default));
    }
}
