namespace EditorialBot.Storage;

/// <summary>
/// One user's reaction on one of our review-channel messages (a card or a claim message), as last seen: kept up to
/// date by live reaction events, so that after an outage only messages whose reaction counts no longer match need
/// their reactor lists read, and reactions removed meanwhile can be found.
/// </summary>
public sealed class MessageReaction
{
    public ulong MessageId { get; set; }
    public required string Emoji { get; set; }
    public ulong UserId { get; set; }
}
