using System.Text.Json;
using EditorialBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Workflow.Channel;

/// <summary>Queues review-channel operations in the same transaction as the state change that causes them.</summary>
public static class Outbox
{
    /// <summary>
    /// A card edit waits this long before delivery, so that a burst of votes (many in a second) becomes one edit:
    /// every update queued meanwhile is absorbed by the waiting one, which renders the state at delivery.
    /// </summary>
    public static readonly TimeSpan CardEditDelay = TimeSpan.FromSeconds(1);

    public static void Enqueue(EditorialDbContext db, Guid? episodeId, OutboxKind kind, DateTimeOffset now, object? payload = null)
    {
        // Cards are rendered at delivery, so a second pending update of the same card adds nothing.
        if (kind == OutboxKind.UpdateCard && episodeId is { } id && HasWaitingCardUpdate(db, id, now))
        {
            return;
        }
        db.Outbox.Add(new OutboxMessage
        {
            EpisodeId = episodeId,
            Kind = kind,
            Payload = payload is null ? null : JsonSerializer.Serialize(payload, payload.GetType(), OutboxJson.Default),
            CreatedAt = now,
            NextAttemptAt = kind == OutboxKind.UpdateCard ? now + CardEditDelay : null,
        });
    }

    public static void Notice(EditorialDbContext db, Guid episodeId, DateTimeOffset now, NoticeKind kind, string text, IReadOnlyList<string>? approvers = null, string? commit = null) =>
        Enqueue(db, episodeId, OutboxKind.PostNotice, now, new ReviewNotice(kind, text, approvers ?? [], commit));

    /// <summary>A message for the admins in the review channel (the bot cannot sync the site, a delivery was parked, ...).</summary>
    public static void Alert(EditorialDbContext db, DateTimeOffset now, string text) =>
        Enqueue(db, null, OutboxKind.PostAlert, now, new AdminAlert(now, text));

    /// <summary>Messages still to deliver: neither delivered nor parked.</summary>
    public static IQueryable<OutboxMessage> Pending(EditorialDbContext db) =>
        db.Outbox.Where(m => m.DeliveredAt == null && m.ParkedAt == null);

    /// <summary>Dead letters: messages the channel refused for good, waiting for an admin.</summary>
    public static IQueryable<OutboxMessage> Parked(EditorialDbContext db) =>
        db.Outbox.Where(m => m.DeliveredAt == null && m.ParkedAt != null);

    /// <summary>The dead letters, oldest first, with the episode each belongs to (for <c>status</c>, <c>/queue</c>, <c>/deliveries</c>).</summary>
    public static async Task<IReadOnlyList<ParkedDelivery>> ListParkedAsync(EditorialDbContext db, CancellationToken cancellationToken = default)
    {
        var parked = await Parked(db).AsNoTracking().OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var ids = parked.Where(m => m.EpisodeId != null).Select(m => m.EpisodeId!.Value).Distinct().ToList();
        var titles = await db.Episodes.Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, Title = e.Title ?? e.Path }).ToDictionaryAsync(e => e.Id, e => e.Title, cancellationToken);
        return [.. parked.Select(m => new ParkedDelivery(m.Id, m.EpisodeId, m.EpisodeId is { } id ? titles.GetValueOrDefault(id) : null, m.Kind, m.LastError, m.ParkedAt!.Value))];
    }

    /// <summary>
    /// Puts parked messages (all, or one episode's) back in the queue, due now, in their original order. Returns how many.
    /// </summary>
    public static async Task<int> RetryParkedAsync(EditorialDbContext db, Guid? episodeId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var parked = Parked(db);
        if (episodeId is { } id)
        {
            parked = parked.Where(m => m.EpisodeId == id);
        }
        // Tracked, not ExecuteUpdate: the save is what wakes the delivery loop (OutboxSignal).
        var messages = await parked.ToListAsync(cancellationToken);
        foreach (var message in messages)
        {
            message.ParkedAt = null;
            message.Attempts = 0;
            message.NextAttemptAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        return messages.Count;
    }

    private static bool HasWaitingCardUpdate(EditorialDbContext db, Guid episodeId, DateTimeOffset now)
    {
        // Only an update at the tail of the episode's queue that delivery has not picked up yet (still in its
        // delay: delivery takes a message only once it is due) can absorb this one; order matters.
        var added = db.ChangeTracker.Entries<OutboxMessage>()
            .Where(e => e.State == EntityState.Added && e.Entity.EpisodeId == episodeId)
            .Select(e => e.Entity)
            .LastOrDefault();
        if (added is not null)
        {
            return added.Kind == OutboxKind.UpdateCard;
        }
        var last = Pending(db).Where(m => m.EpisodeId == episodeId).OrderByDescending(m => m.Id).FirstOrDefault();
        return last is { Kind: OutboxKind.UpdateCard, Attempts: 0 } && last.NextAttemptAt > now;
    }
}

/// <summary>A parked outbox message: what it was, for which episode (null: the digest or an alert), and why it was refused.</summary>
public sealed record ParkedDelivery(long Id, Guid? EpisodeId, string? Episode, OutboxKind Kind, string? Error, DateTimeOffset ParkedAt)
{
    public string Describe() => $"#{Id} {Kind} for {Episode ?? "the review channel"}: {Error}";
}
