using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace EditorialBot.Bot.Jobs;

/// <summary>The daily digest of reviews waiting longer than <c>Review:RemindAfterHours</c>, queued for the review channel.</summary>
[DisallowConcurrentExecution]
internal sealed class ReviewReminderJob(IDbContextFactory<EditorialDbContext> dbs, RuntimeSettings settings, TimeProvider time) : IJob
{
    public static readonly JobKey Key = new("review-reminder", "editorial");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await QueueDigestAsync(dbs, settings, time, cancellationToken);

    /// <summary>Queues the digest when some review waits too long. Returns whether one was queued.</summary>
    public static async Task<bool> QueueDigestAsync(IDbContextFactory<EditorialDbContext> dbs, RuntimeSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var rules = await settings.RulesAsync(db, cancellationToken);
        var digest = await ReviewQueue.DigestAsync(db, rules, now, cancellationToken);
        if (digest is null)
        {
            return false;
        }
        await db.WriteAsync(() =>
        {
            Outbox.Enqueue(db, null, OutboxKind.PostDigest, now, digest);
            return Task.CompletedTask;
        }, cancellationToken);
        return true;
    }
}
