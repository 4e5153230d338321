using System.Text.Json;
using EditorialBot.Storage;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EditorialBot.Workflow.Channel;

/// <summary>
/// Delivers the outbox to the review channel: at least once, in id order per episode (an episode
/// whose head operation fails waits, the others go on), with exponential backoff stored in the
/// database so a restart or a long outage loses nothing and keeps the order.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<EditorialDbContext> dbs,
    IReviewChannel channel,
    RuntimeSettings settings,
    TimeProvider time,
    ILogger<OutboxDispatcher> log)
{
    private static readonly TimeSpan s_firstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_maxRetry = TimeSpan.FromMinutes(15);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    /// <summary>Wakes the delivery loop (new work was queued).</summary>
    public void Signal() => _signal.Release();

    public static TimeSpan Backoff(int attempts)
    {
        var seconds = s_firstRetry.TotalSeconds * Math.Pow(2, Math.Min(attempts - 1, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, s_maxRetry.TotalSeconds));
    }

    /// <summary>Delivers until <paramref name="cancellationToken"/> fires, waking on <see cref="Signal"/> or every <paramref name="poll"/>.</summary>
    public async Task RunAsync(TimeSpan poll, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database itself may be briefly unavailable; the loop must outlive that.
                log.LogError(ex, "Outbox delivery pass failed");
            }
            try
            {
                await _signal.WaitAsync(poll, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass over everything due now. Returns (delivered, failed).</summary>
    public async Task<(int Delivered, int Failed)> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var delivered = 0;
            var failed = 0;
            while (true)
            {
                var (d, f, more) = await PassAsync(cancellationToken);
                delivered += d;
                failed += f;
                if (!more)
                {
                    return (delivered, failed);
                }
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<(int Delivered, int Failed, bool More)> PassAsync(CancellationToken cancellationToken)
    {
        const int batch = 500;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var pending = await db.Outbox.AsNoTracking().Where(m => m.DeliveredAt == null).OrderBy(m => m.Id).Take(batch).ToListAsync(cancellationToken);
        var rules = await settings.RulesAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var delivered = 0;
        var failed = 0;
        foreach (var group in pending.GroupBy(m => m.EpisodeId))
        {
            foreach (var message in group)
            {
                if (message.NextAttemptAt is { } next && next > now)
                {
                    break;
                }
                try
                {
                    await DeliverAsync(db, message, rules, cancellationToken);
                    var at = time.GetUtcNow();
                    await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(
                        s => s.SetProperty(m => m.DeliveredAt, at).SetProperty(m => m.LastError, (string?)null), cancellationToken);
                    delivered++;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    var attempts = message.Attempts + 1;
                    var error = Truncate($"{ex.GetType().Name}: {ex.Message}", 2000);
                    var retryAt = time.GetUtcNow() + Backoff(attempts);
                    await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(
                        s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, error).SetProperty(m => m.NextAttemptAt, retryAt),
                        cancellationToken);
                    log.LogWarning("Outbox {OutboxId} ({Kind}, episode {EpisodeId}) failed, attempt {Attempts}; retry at {NextAttempt}: {Error}",
                        message.Id, message.Kind, message.EpisodeId, attempts, retryAt, error);
                    failed++;
                    // Later operations of this episode wait behind the failed one.
                    break;
                }
            }
        }
        // Another batch only when this one was full and made progress.
        return (delivered, failed, pending.Count == batch && delivered > 0);
    }

    private async Task DeliverAsync(EditorialDbContext db, OutboxMessage message, ReviewRules rules, CancellationToken cancellationToken)
    {
        var key = $"outbox-{message.Id}";
        if (message.Kind == OutboxKind.PostDigest)
        {
            var digest = JsonSerializer.Deserialize<ReviewDigest>(message.Payload ?? "null", Outbox.Json)
                ?? throw new InvalidDataException($"outbox {message.Id}: empty digest");
            await channel.PostDigestAsync(digest, key, cancellationToken);
            return;
        }
        if (message.Kind == OutboxKind.PostAlert)
        {
            var alert = JsonSerializer.Deserialize<AdminAlert>(message.Payload ?? "null", Outbox.Json)
                ?? throw new InvalidDataException($"outbox {message.Id}: empty alert");
            await channel.PostAlertAsync(alert, key, cancellationToken);
            return;
        }
        if (message.EpisodeId is not { } episodeId)
        {
            throw new InvalidDataException($"outbox {message.Id}: {message.Kind} needs an episode");
        }
        var card = await ReviewCards.LoadAsync(db, episodeId, rules, cancellationToken);
        if (card is null)
        {
            log.LogWarning("Outbox {OutboxId}: episode {EpisodeId} no longer exists; skipped", message.Id, episodeId);
            return;
        }
        switch (message.Kind)
        {
            case OutboxKind.PostCard when card.ReviewMessageId is not null:
            case OutboxKind.UpdateCard:
                // A card already posted (e.g. a retry after a crash past the post) is updated, never posted twice.
                await channel.UpdateCardAsync(card, key, cancellationToken);
                break;
            case OutboxKind.PostCard:
                var receipt = await channel.PostCardAsync(card, key, cancellationToken);
                if (receipt.MessageId is not null || receipt.ThreadId is not null)
                {
                    await db.Episodes.Where(e => e.Id == episodeId).ExecuteUpdateAsync(
                        s => s.SetProperty(e => e.ReviewMessageId, receipt.MessageId).SetProperty(e => e.ReviewThreadId, receipt.ThreadId),
                        cancellationToken);
                }
                break;
            case OutboxKind.PostClaims:
                var unposted = await db.Claims.Where(c => c.EpisodeId == episodeId && c.Active && c.PostedAt == null).Select(c => c.Id).ToListAsync(cancellationToken);
                var toPost = card.Claims.Where(c => unposted.Contains(c.Id)).ToList();
                if (toPost.Count == 0)
                {
                    break;
                }
                var receipts = await channel.PostClaimsAsync(card, toPost, key, cancellationToken);
                var now = time.GetUtcNow();
                var byId = receipts.ToDictionary(r => r.ClaimId, r => r.MessageId);
                await db.WriteAsync(async () =>
                {
                    var ids = toPost.Select(c => c.Id).ToList();
                    foreach (var claim in await db.Claims.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken))
                    {
                        claim.PostedAt = now;
                        claim.MessageId = byId.GetValueOrDefault(claim.Id) ?? claim.MessageId;
                    }
                }, cancellationToken);
                break;
            case OutboxKind.UpdateClaim:
                var claimId = JsonSerializer.Deserialize<long>(message.Payload ?? "0", Outbox.Json);
                var target = card.Claims.FirstOrDefault(c => c.Id == claimId);
                if (target is not null)
                {
                    await channel.UpdateClaimAsync(card, target, key, cancellationToken);
                }
                break;
            case OutboxKind.PostNotice:
                var notice = JsonSerializer.Deserialize<ReviewNotice>(message.Payload ?? "null", Outbox.Json)
                    ?? throw new InvalidDataException($"outbox {message.Id}: empty notice");
                await channel.PostNoticeAsync(card, notice, key, cancellationToken);
                break;
            default:
                throw new InvalidDataException($"outbox {message.Id}: unknown operation {message.Kind}");
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
