namespace EditorialBot.Storage;

/// <summary>
/// A review-channel operation waiting to be delivered. Delivered at least once, in id order per
/// episode (operations without an episode form their own queue).
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public Guid? EpisodeId { get; set; }
    public OutboxKind Kind { get; set; }
    /// <summary>Operation-specific JSON (e.g. the notice text or the digest); null when everything is read from the episode at delivery.</summary>
    public string? Payload { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    /// <summary>
    /// Set when the channel refused the operation for good (a locked thread, a missing permission, a deleted message):
    /// the message is a dead letter, skipped by delivery so the episode's later work goes on, until an admin retries it.
    /// </summary>
    public DateTimeOffset? ParkedAt { get; set; }
}

public enum OutboxKind
{
    /// <summary>Post the episode's review card (and its thread); at most once per episode.</summary>
    PostCard,
    /// <summary>Edit the card in place to show the current state.</summary>
    UpdateCard,
    /// <summary>Post the episode's active claims that were not posted yet.</summary>
    PostClaims,
    /// <summary>Edit one claim's message to show its verdict (payload: the claim id).</summary>
    UpdateClaim,
    /// <summary>A message in the episode's thread: edited, changes requested, published, unpublished, gone (payload: <c>ReviewNotice</c>).</summary>
    PostNotice,
    /// <summary>The digest of reviews waiting too long (payload: <c>ReviewDigest</c>).</summary>
    PostDigest,
    /// <summary>A message to the admins in the review channel, not tied to an episode (payload: <c>AdminAlert</c>), e.g. git sync failing, a delivery parked.</summary>
    PostAlert,
}
