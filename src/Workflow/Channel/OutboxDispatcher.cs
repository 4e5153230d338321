using System.Text.Json;
using EditorialBot.Storage;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EditorialBot.Workflow.Channel;

/// <summary>
/// Delivers the outbox to the review channel: at least once, in id order per episode, episodes in parallel (each
/// card's thread is its own rate-limit bucket, so one episode's long thread must not hold the others back). One
/// worker per episode at most, at most <see cref="MaxParallelEpisodes"/> at a time. A failure backs the episode off
/// (stored in the database, so a restart or a long outage loses nothing and keeps the order); a permanent refusal
/// parks the message as a dead letter, tells the admins (once for all the dead letters an episode collects until an admin
/// retries them), and lets the episode's later work go on.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<EditorialDbContext> dbs,
    IReviewChannel channel,
    OutboxSignal signal,
    RuntimeSettings settings,
    TimeProvider time,
    ILogger<OutboxDispatcher> log)
{
    /// <summary>Episodes delivered at once: enough to fill the review channel's and several threads' buckets.</summary>
    public const int MaxParallelEpisodes = 8;

    private static readonly TimeSpan s_firstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_maxRetry = TimeSpan.FromMinutes(15);
    private readonly Dictionary<Guid, Task> _workers = [];
    private int _delivered;
    private int _failed;

    public static TimeSpan Backoff(int attempts)
    {
        var seconds = s_firstRetry.TotalSeconds * Math.Pow(2, Math.Min(attempts - 1, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, s_maxRetry.TotalSeconds));
    }

    /// <summary>
    /// Delivers until <paramref name="cancellationToken"/> fires, woken by the <see cref="OutboxSignal"/> (a commit queued
    /// work here, or a worker freed a slot), when a delayed message falls due, or every <paramref name="poll"/> (other processes).
    /// </summary>
    public async Task RunAsync(TimeSpan poll, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = poll;
            try
            {
                var nextDue = await StartDueAsync(cancellationToken);
                if (nextDue is { } due)
                {
                    wait = TimeSpan.FromTicks(Math.Clamp((due - time.GetUtcNow()).Ticks, TimeSpan.FromMilliseconds(10).Ticks, poll.Ticks));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database itself may be briefly unavailable; the loop must outlive that.
                log.LogError(ex, "Outbox delivery pass failed");
            }
            try
            {
                await signal.WaitAsync(wait, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(Workers()).ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    /// <summary>Delivers everything due now and waits until it is done. Returns (delivered, failed) during this call.</summary>
    public async Task<(int Delivered, int Failed)> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var delivered = Volatile.Read(ref _delivered);
        var failed = Volatile.Read(ref _failed);
        while (true)
        {
            await StartDueAsync(cancellationToken);
            var running = Workers();
            if (running.Length == 0)
            {
                break;
            }
            await Task.WhenAny(running);
        }
        return (Volatile.Read(ref _delivered) - delivered, Volatile.Read(ref _failed) - failed);
    }

    private Task[] Workers()
    {
        lock (_workers)
        {
            return [.. _workers.Values];
        }
    }

    /// <summary>Starts a worker for each episode with a due message and none running (up to the bound). Returns when the next delayed message falls due.</summary>
    private async Task<DateTimeOffset?> StartDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var pending = await Outbox.Pending(db).AsNoTracking()
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.EpisodeId, m.NextAttemptAt })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        DateTimeOffset? nextDue = null;
        foreach (var head in pending.GroupBy(m => m.EpisodeId).Select(g => g.First()))
        {
            if (head.NextAttemptAt is { } next && next > now)
            {
                nextDue = nextDue is null || next < nextDue ? next : nextDue;
                continue;
            }
            var key = head.EpisodeId ?? Guid.Empty;
            lock (_workers)
            {
                if (_workers.Count >= MaxParallelEpisodes)
                {
                    break;
                }
                if (!_workers.ContainsKey(key))
                {
                    _workers[key] = Task.Run(() => WorkAsync(key, head.EpisodeId, cancellationToken), CancellationToken.None);
                }
            }
        }
        return nextDue;
    }

    private async Task WorkAsync(Guid key, Guid? episodeId, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverEpisodeAsync(episodeId, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Outbox delivery for episode {EpisodeId} failed", episodeId);
        }
        finally
        {
            lock (_workers)
            {
                _workers.Remove(key);
            }
            // A slot is free: start the next waiting episode.
            signal.Raise();
        }
    }

    /// <summary>Delivers one episode's due messages in id order until its queue is empty, not due, or failing.</summary>
    private async Task DeliverEpisodeAsync(Guid? episodeId, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var rules = await settings.RulesAsync(db, cancellationToken);
        while (true)
        {
            var message = await Outbox.Pending(db).AsNoTracking()
                .Where(m => m.EpisodeId == episodeId)
                .OrderBy(m => m.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (message is null || message.NextAttemptAt is { } next && next > time.GetUtcNow())
            {
                return;
            }
            try
            {
                await DeliverAsync(db, message, rules, cancellationToken);
                var at = time.GetUtcNow();
                await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.DeliveredAt, at).SetProperty(m => m.LastError, (string?)null), cancellationToken);
                Interlocked.Increment(ref _delivered);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (PermanentDeliveryException ex)
            {
                await ParkAsync(db, message, ex, cancellationToken);
                Interlocked.Increment(ref _failed);
                // A dead letter no longer holds the episode's later work back.
            }
            catch (Exception ex)
            {
                var attempts = message.Attempts + 1;
                var error = Truncate($"{ex.GetType().Name}: {ex.Message}", 2000);
                var wait = ex is DeliveryDeferredException deferred && deferred.RetryAfter > Backoff(attempts) ? deferred.RetryAfter : Backoff(attempts);
                var retryAt = time.GetUtcNow() + wait;
                await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, error).SetProperty(m => m.NextAttemptAt, retryAt),
                    cancellationToken);
                LogFailed(message.Id, message.Kind, message.EpisodeId, attempts, retryAt, error);
                Interlocked.Increment(ref _failed);
                // Later operations of this episode wait behind the failed one.
                return;
            }
        }
    }

    private async Task ParkAsync(EditorialDbContext db, OutboxMessage message, PermanentDeliveryException ex, CancellationToken cancellationToken)
    {
        var error = Truncate(ex.Message, 2000);
        var now = time.GetUtcNow();
        await db.WriteAsync(async () =>
        {
            // The admins hear about an episode's first dead letter only, and never about an undeliverable alert (no loop).
            var alreadyParked = await Outbox.Parked(db).AnyAsync(m => m.EpisodeId == message.EpisodeId && m.Id != message.Id, cancellationToken);
            await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.ParkedAt, now).SetProperty(m => m.Attempts, message.Attempts + 1).SetProperty(m => m.LastError, error),
                cancellationToken);
            if (!alreadyParked && message.Kind != OutboxKind.PostAlert)
            {
                var title = message.EpisodeId is { } id
                    ? await db.Episodes.Where(e => e.Id == id).Select(e => e.Title ?? e.Path).FirstOrDefaultAsync(cancellationToken)
                    : null;
                var what = title is null ? "the digest" : $"“{title}”";
                Outbox.Alert(db, now,
                    $"A review-channel update for {what} could not be delivered and is parked ({error}). "
                    + "Its other updates go on. Once the cause is fixed (e.g. the thread unlocked, the bot's permission restored), "
                    + "retry with `/deliveries retry:True` or `editorialbot outbox --retry`.");
            }
        }, cancellationToken);
        LogParked(message.Id, message.Kind, message.EpisodeId, error);
        // The episode's later work is no longer held back by this message.
        signal.Raise();
    }

    private async Task DeliverAsync(EditorialDbContext db, OutboxMessage message, ReviewRules rules, CancellationToken cancellationToken)
    {
        var key = $"outbox-{message.Id}";
        switch (message.Kind)
        {
            case OutboxKind.PostDigest:
                var digest = JsonSerializer.Deserialize(message.Payload ?? "null", OutboxJson.Default.ReviewDigest)
                    ?? throw new InvalidDataException($"outbox {message.Id}: empty digest");
                await channel.PostDigestAsync(digest, key, cancellationToken);
                return;
            case OutboxKind.PostAlert:
                var alert = JsonSerializer.Deserialize(message.Payload ?? "null", OutboxJson.Default.AdminAlert)
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
            LogEpisodeGone(message.Id, episodeId);
            return;
        }
        switch (message.Kind)
        {
            case OutboxKind.PostCard when card.ReviewMessageId is not null && card.ReviewThreadId is not null:
            case OutboxKind.UpdateCard:
                // A card already posted (e.g. a retry after a crash past the post) is updated, never posted twice.
                await channel.UpdateCardAsync(card, key, cancellationToken);
                break;
            case OutboxKind.PostCard:
                // Each step is stored the moment it succeeds, so a retry repeats only what is missing.
                var thread = await channel.PostCardAsync(card, key, messageId =>
                    db.Episodes.Where(e => e.Id == episodeId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ReviewMessageId, messageId), cancellationToken),
                    cancellationToken);
                if (thread is not null)
                {
                    await db.Episodes.Where(e => e.Id == episodeId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ReviewThreadId, thread), cancellationToken);
                }
                break;
            case OutboxKind.PostClaims:
                var unposted = await db.Claims.Where(c => c.EpisodeId == episodeId && c.Active && c.PostedAt == null).Select(c => c.Id).ToListAsync(cancellationToken);
                var toPost = card.Claims.Where(c => unposted.Contains(c.Id)).ToList();
                if (toPost.Count == 0)
                {
                    break;
                }
                await channel.PostClaimsAsync(card, toPost, key, receipt =>
                {
                    var now = time.GetUtcNow();
                    return db.Claims.Where(c => c.Id == receipt.ClaimId).ExecuteUpdateAsync(s => s
                        .SetProperty(c => c.PostedAt, now)
                        .SetProperty(c => c.MessageId, c => receipt.MessageId ?? c.MessageId), cancellationToken);
                }, cancellationToken);
                break;
            case OutboxKind.UpdateClaim:
                var claimId = JsonSerializer.Deserialize(message.Payload ?? "0", OutboxJson.Default.Int64);
                var target = card.Claims.FirstOrDefault(c => c.Id == claimId);
                if (target is not null)
                {
                    await channel.UpdateClaimAsync(card, target, key, cancellationToken);
                }
                break;
            case OutboxKind.PostNotice:
                var notice = JsonSerializer.Deserialize(message.Payload ?? "null", OutboxJson.Default.ReviewNotice)
                    ?? throw new InvalidDataException($"outbox {message.Id}: empty notice");
                await channel.PostNoticeAsync(card, notice, key, cancellationToken);
                break;
            default:
                throw new InvalidDataException($"outbox {message.Id}: unknown operation {message.Kind}");
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {OutboxId} ({Kind}, episode {EpisodeId}) failed, attempt {Attempts}; retry at {NextAttempt}: {Error}")]
    private partial void LogFailed(long outboxId, OutboxKind kind, Guid? episodeId, int attempts, DateTimeOffset nextAttempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {OutboxId} ({Kind}, episode {EpisodeId}) refused for good and parked; an admin can retry it: {Error}")]
    private partial void LogParked(long outboxId, OutboxKind kind, Guid? episodeId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {OutboxId}: episode {EpisodeId} no longer exists; skipped")]
    private partial void LogEpisodeGone(long outboxId, Guid episodeId);
}
