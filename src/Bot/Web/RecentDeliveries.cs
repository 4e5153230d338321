namespace EditorialBot.Bot.Web;

/// <summary>
/// Delivery ids of the last <see cref="Capacity"/> signed webhook requests, so a replayed delivery (a forge's
/// "redeliver", a proxy retrying) does nothing. In memory on purpose: the worst a replay after a restart can do is
/// one extra sweep, which changes nothing on an unchanged tree, so a table and a write per delivery would buy nothing.
/// </summary>
internal sealed class RecentDeliveries
{
    public const int Capacity = 1024;

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>Remembers <paramref name="id"/>; false when it was seen already.</summary>
    public bool TryAdd(string id)
    {
        lock (_lock)
        {
            if (!_seen.Add(id))
            {
                return false;
            }
            _order.Enqueue(id);
            if (_order.Count > Capacity)
            {
                _seen.Remove(_order.Dequeue());
            }
            return true;
        }
    }
}
