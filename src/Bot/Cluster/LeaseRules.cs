using EditorialBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Bot.Cluster;

/// <summary>
/// Taking, renewing and releasing a lease row. Every change is one conditional UPDATE, so two
/// processes racing for a free lease cannot both win: the database applies one update, and the
/// other's condition no longer holds.
/// </summary>
internal static class LeaseRules
{
    /// <summary>Takes the lease if it is free or expired at <paramref name="now"/>. Returns the new term, or null when someone else holds it.</summary>
    public static async Task<long?> TryTakeAsync(EditorialDbContext db, string name, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        var until = now + duration;
        var taken = await db.Leases
            .Where(l => l.Name == name && (l.Owner == "" || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.ExpiresAt, until).SetProperty(l => l.Term, l => l.Term + 1), cancellationToken);
        if (taken == 0)
        {
            return null;
        }
        // Nobody else can change the row now: it is ours and unexpired.
        return await db.Leases.AsNoTracking().Where(l => l.Name == name && l.Owner == owner).Select(l => (long?)l.Term).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Extends our lease. False when it is no longer ours (expired and taken over: the term moved on).</summary>
    public static async Task<bool> RenewAsync(EditorialDbContext db, string name, string owner, long term, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        var until = now + duration;
        return await db.Leases
            .Where(l => l.Name == name && l.Owner == owner && l.Term == term)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until), cancellationToken) == 1;
    }

    /// <summary>Gives the lease up at once (a clean shutdown), so a standby need not wait for it to expire.</summary>
    public static Task<int> ReleaseAsync(EditorialDbContext db, string name, string owner, long term, CancellationToken cancellationToken) =>
        db.Leases
            .Where(l => l.Name == name && l.Owner == owner && l.Term == term)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, "").SetProperty(l => l.ExpiresAt, DateTimeOffset.UnixEpoch), cancellationToken);

    /// <summary>Who holds the lease and until when (for logs and <c>status</c>).</summary>
    public static Task<Lease?> ReadAsync(EditorialDbContext db, string name, CancellationToken cancellationToken) =>
        db.Leases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == name, cancellationToken);
}
