namespace EditorialBot.Workflow.Channel;

/// <summary>
/// Where review work is shown to editors. Two implementations: the Discord review desk and the
/// console (for <c>sweep --dry-run</c>). Calls come from the outbox dispatcher, at least once and in
/// order per episode, so every operation must be safe to repeat: <paramref name="operationKey"/> is
/// stable across retries of the same outbox entry (usable as a Discord message nonce).
/// Throwing means "not delivered, retry later"; the dispatcher backs off and keeps the order.
/// </summary>
public interface IReviewChannel
{
    /// <summary>Posts the card (and, where the channel has them, starts its thread). Returns the ids to keep.</summary>
    Task<CardReceipt> PostCardAsync(ReviewCard card, string operationKey, CancellationToken cancellationToken);

    /// <summary>Edits the posted card in place to show <paramref name="card"/> (state, colour, counts).</summary>
    Task UpdateCardAsync(ReviewCard card, string operationKey, CancellationToken cancellationToken);

    /// <summary>Posts claims not posted yet (one message each in the thread). Returns a receipt per claim posted.</summary>
    Task<IReadOnlyList<ClaimReceipt>> PostClaimsAsync(ReviewCard card, IReadOnlyList<ReviewClaim> claims, string operationKey, CancellationToken cancellationToken);

    /// <summary>Edits one claim's message to show its verdict and who gave it.</summary>
    Task UpdateClaimAsync(ReviewCard card, ReviewClaim claim, string operationKey, CancellationToken cancellationToken);

    /// <summary>A message in the episode's thread: edited, changes requested, published (the closing message), unpublished, gone.</summary>
    Task PostNoticeAsync(ReviewCard card, ReviewNotice notice, string operationKey, CancellationToken cancellationToken);

    /// <summary>The digest of reviews waiting too long.</summary>
    Task PostDigestAsync(ReviewDigest digest, string operationKey, CancellationToken cancellationToken);

    /// <summary>Posts a message for the admins in the review channel (e.g. the site's repository cannot be synced).</summary>
    Task PostAlertAsync(AdminAlert alert, string operationKey, CancellationToken cancellationToken);
}

/// <summary>What the channel created for a card (null where the channel has no such thing).</summary>
public sealed record CardReceipt(ulong? MessageId, ulong? ThreadId)
{
    public static readonly CardReceipt None = new(null, null);
}

public sealed record ClaimReceipt(long ClaimId, ulong? MessageId);
