using EditorialBot.Bot.Discord;

namespace EditorialBot.Bot.Desk;

/// <summary>
/// Reactions on the bot's own messages that matched no card or claim message yet. Discord lets editors react to a
/// message as soon as it exists, so a reaction can arrive before the create-message response has reached us and the
/// card's id is stored. Such reactions are kept here, in arrival order, for <see cref="KeepFor"/> (a store delayed by a
/// busy database or a retried delivery still finds them); <see cref="ReactionHandler"/> applies them when the id is
/// stored. Older ones are dropped: the next session's reconcile reads every open card's reactions anyway. Most kept
/// reactions belong to messages that never become cards (digests, alerts), so the number kept is bounded.
/// </summary>
internal sealed class UnmatchedReactions(TimeProvider time)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);
    public const int MaxKept = 1000;

    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, Kept> _byMessage = [];
    private int _count;

    public bool Has(Snowflake messageId)
    {
        lock (_lock)
        {
            Prune();
            return _byMessage.ContainsKey(messageId.Value);
        }
    }

    public void Keep(ReactionChange change)
    {
        lock (_lock)
        {
            Prune();
            while (_count >= MaxKept && _byMessage.Count > 0)
            {
                Remove(_byMessage.MinBy(static m => m.Value.Since).Key);
            }
            if (!_byMessage.TryGetValue(change.MessageId.Value, out var kept))
            {
                kept = new Kept(time.GetUtcNow(), []);
                _byMessage[change.MessageId.Value] = kept;
            }
            kept.Changes.Add(change);
            _count++;
        }
    }

    /// <summary>The reactions kept for a message, oldest first; they are no longer kept.</summary>
    public IReadOnlyList<ReactionChange> Take(Snowflake messageId)
    {
        lock (_lock)
        {
            Prune();
            return _byMessage.TryGetValue(messageId.Value, out var kept) ? Remove(messageId.Value, kept) : [];
        }
    }

    private void Prune()
    {
        if (_byMessage.Count == 0)
        {
            return;
        }
        var before = time.GetUtcNow() - KeepFor;
        foreach (var (message, kept) in _byMessage.Where(m => m.Value.Since < before).ToList())
        {
            Remove(message, kept);
        }
    }

    private List<ReactionChange> Remove(ulong message) => Remove(message, _byMessage[message]);

    private List<ReactionChange> Remove(ulong message, Kept kept)
    {
        _byMessage.Remove(message);
        _count -= kept.Changes.Count;
        return kept.Changes;
    }

    private sealed record Kept(DateTimeOffset Since, List<ReactionChange> Changes);
}
