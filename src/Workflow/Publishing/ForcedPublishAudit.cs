using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Content;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Workflow.Publishing;

/// <summary>
/// Records a publish done outside the review flow (the <c>publish --force</c> verb): an audit entry,
/// and when the file is a tracked episode, its new state, so the review channel shows it as published.
/// </summary>
internal static class ForcedPublishAudit
{
    public static async Task<string> RecordAsync(StorageOptions database, string by, string relativePath, string fullPath, PublishResult result, TimeProvider time, CancellationToken cancellationToken = default)
    {
        await EditorialDatabase.MigrateAsync(database, cancellationToken);
        await using var db = new EditorialDbContext(EditorialDatabase.Options(database));
        return await db.WriteAsync(async () =>
        {
            var now = time.GetUtcNow();
            var episode = await db.Episodes.Where(e => e.Path == relativePath && e.State != EpisodeState.Gone).OrderByDescending(e => e.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
            db.AuditLog.Add(new AuditEntry
            {
                At = now,
                Actor = by,
                Action = "force-publish",
                EpisodeId = episode?.Id,
                ContentHash = result.ContentHash,
                Details = $"{relativePath} published outside the review flow (command line): {result.PreviousContentHash} -> {result.ContentHash}",
            });
            if (episode is null)
            {
                return $"audit: recorded in {database} ({relativePath} is not a tracked episode)";
            }
            var wasPublished = episode.State == EpisodeState.Published;
            episode.State = EpisodeState.Published;
            episode.ContentHash = result.ContentHash ?? episode.ContentHash;
            episode.PublishedAt = now;
            episode.PublishedBy = by;
            episode.PublishCommit = null;
            episode.DraftBeforePublish = result.PreviousDraft ?? episode.DraftBeforePublish;
            episode.StatusBeforePublish = result.StatusInserted ? null : result.PreviousStatus;
            episode.UpdatedAt = now;
            if (await db.ScannedFiles.FindAsync([relativePath], cancellationToken) is { } scanned && File.Exists(fullPath))
            {
                var info = new FileInfo(fullPath);
                scanned.Size = info.Length;
                scanned.ModifiedTicks = info.LastWriteTimeUtc.Ticks;
                scanned.ContentHash = episode.ContentHash;
                scanned.Draft = false;
            }
            if (!wasPublished)
            {
                Outbox.Notice(db, episode.Id, now, NoticeKind.Published, $"Published by {by} from the command line, outside the review (forced).", []);
                Outbox.Enqueue(db, episode.Id, OutboxKind.UpdateCard, now);
            }
            return $"audit: recorded in {database}; episode {episode.Id} marked published";
        }, cancellationToken);
    }
}
