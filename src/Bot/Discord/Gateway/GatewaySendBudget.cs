namespace EditorialBot.Bot.Discord.Gateway;

/// <summary>
/// Discord disconnects (4008) a connection that sends more than 120 frames in 60 s. Ordinary sends get
/// <see cref="OrdinaryLimit"/> of them; heartbeats, identify and resume may use the reserve, so they are never starved.
/// One budget per connection.
/// </summary>
internal sealed class GatewaySendBudget(TimeProvider time)
{
    public const int HardLimit = 120;
    public const int OrdinaryLimit = 110;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Queue<long> _sent = new();
    private readonly Lock _lock = new();

    /// <summary>Takes a slot now, or says how long to wait before asking again.</summary>
    public bool TryTake(bool privileged, out TimeSpan wait)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            while (_sent.Count > 0 && time.GetElapsedTime(_sent.Peek(), now) >= Window)
            {
                _sent.Dequeue();
            }
            var limit = privileged ? HardLimit : OrdinaryLimit;
            if (_sent.Count < limit)
            {
                _sent.Enqueue(now);
                wait = TimeSpan.Zero;
                return true;
            }
            // The slot frees when the (count - limit + 1)-th oldest send leaves the window.
            var oldest = _sent.ElementAt(_sent.Count - limit);
            wait = Window - time.GetElapsedTime(oldest, now);
            return false;
        }
    }

    public async Task TakeAsync(bool privileged, CancellationToken ct)
    {
        while (!TryTake(privileged, out var wait))
        {
            await Task.Delay(wait, time, ct).ConfigureAwait(false);
        }
    }
}
