using System.Text.Json;
using EditorialBot.Storage;

namespace EditorialBot.Workflow.Channel;

/// <summary>Queues review-channel operations in the same transaction as the state change that causes them.</summary>
public static class Outbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Enqueue(EditorialDbContext db, Guid? episodeId, OutboxKind kind, DateTimeOffset now, object? payload = null)
    {
        // Cards are rendered at delivery, so a second pending update of the same card adds nothing.
        if (kind == OutboxKind.UpdateCard && episodeId is { } id && HasPendingCardUpdate(db, id))
        {
            return;
        }
        db.Outbox.Add(new OutboxMessage
        {
            EpisodeId = episodeId,
            Kind = kind,
            Payload = payload is null ? null : JsonSerializer.Serialize(payload, payload.GetType(), Json),
            CreatedAt = now,
        });
    }

    public static void Notice(EditorialDbContext db, Guid episodeId, DateTimeOffset now, NoticeKind kind, string text, IReadOnlyList<string>? approvers = null, string? commit = null) =>
        Enqueue(db, episodeId, OutboxKind.PostNotice, now, new ReviewNotice(kind, text, approvers ?? [], commit));

    /// <summary>A message for the admins in the review channel (the bot cannot sync the site, ...).</summary>
    public static void Alert(EditorialDbContext db, DateTimeOffset now, string text) =>
        Enqueue(db, null, OutboxKind.PostAlert, now, new AdminAlert(now, text));

    private static bool HasPendingCardUpdate(EditorialDbContext db, Guid episodeId)
    {
        // Only a not-yet-tried update at the tail of the episode's queue can absorb this one (order matters).
        var added = db.ChangeTracker.Entries<OutboxMessage>()
            .Where(e => e.State == Microsoft.EntityFrameworkCore.EntityState.Added && e.Entity.EpisodeId == episodeId)
            .Select(e => e.Entity)
            .LastOrDefault();
        if (added is not null)
        {
            return added.Kind == OutboxKind.UpdateCard;
        }
        var last = db.Outbox.Where(m => m.EpisodeId == episodeId && m.DeliveredAt == null).OrderByDescending(m => m.Id).FirstOrDefault();
        return last is { Kind: OutboxKind.UpdateCard, Attempts: 0 };
    }
}
