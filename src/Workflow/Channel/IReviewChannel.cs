namespace EditorialBot.Workflow.Channel;

/// <summary>
/// Where review work is shown to editors. Two implementations: the Discord review desk and the
/// printed one (for <c>sweep --dry-run</c>). Calls come from the outbox dispatcher, at least once and in
/// order per episode, so every operation must be safe to repeat: <paramref name="operationKey"/> is
/// stable across retries of the same outbox entry (usable as a Discord message nonce).
/// Throwing means "not delivered, retry later"; the dispatcher backs off and keeps the order.
/// <see cref="PermanentDeliveryException"/> means "never, as things stand": the dispatcher parks the operation.
/// </summary>
public interface IReviewChannel
{
    /// <summary>
    /// Posts the card unless <see cref="ReviewCard.ReviewMessageId"/> says it was posted, calling <paramref name="posted"/>
    /// with its id before anything else (so a failure later, e.g. starting the thread, never loses it and a retry never
    /// posts a second card); then starts its thread where the channel has them unless <see cref="ReviewCard.ReviewThreadId"/>
    /// is set. Returns the thread's id (null where there is none).
    /// </summary>
    Task<ulong?> PostCardAsync(ReviewCard card, string operationKey, Func<ulong, Task> posted, CancellationToken cancellationToken);

    /// <summary>Edits the posted card in place to show <paramref name="card"/> (state, colour, counts).</summary>
    Task UpdateCardAsync(ReviewCard card, string operationKey, CancellationToken cancellationToken);

    /// <summary>Posts claims not posted yet (one message each in the thread), calling <paramref name="posted"/> after each one.</summary>
    Task PostClaimsAsync(ReviewCard card, IReadOnlyList<ReviewClaim> claims, string operationKey, Func<ClaimReceipt, Task> posted, CancellationToken cancellationToken);

    /// <summary>Edits one claim's message to show its verdict and who gave it.</summary>
    Task UpdateClaimAsync(ReviewCard card, ReviewClaim claim, string operationKey, CancellationToken cancellationToken);

    /// <summary>A message in the episode's thread: edited, changes requested, published (the closing message), unpublished, gone.</summary>
    Task PostNoticeAsync(ReviewCard card, ReviewNotice notice, string operationKey, CancellationToken cancellationToken);

    /// <summary>The digest of reviews waiting too long.</summary>
    Task PostDigestAsync(ReviewDigest digest, string operationKey, CancellationToken cancellationToken);

    /// <summary>Posts a message for the admins in the review channel (e.g. the site's repository cannot be synced, a delivery was parked).</summary>
    Task PostAlertAsync(AdminAlert alert, string operationKey, CancellationToken cancellationToken);
}

public sealed record ClaimReceipt(long ClaimId, ulong? MessageId);
