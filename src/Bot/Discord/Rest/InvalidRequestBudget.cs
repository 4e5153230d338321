namespace EditorialBot.Bot.Discord.Rest;

internal enum BudgetSignal
{
    None,
    Alert,
    Pause,
}

/// <summary>
/// Counts invalid requests as Discord does (topics/rate-limits.mdx, "Invalid Request Limit aka Cloudflare bans": 401, 403
/// and 429 except shared-scope 429s; 10,000 per 10 minutes earns an IP ban) and says when to alert the admins and when to
/// stop sending, both far below Discord's limit. Used under the limiter's lock.
/// </summary>
internal sealed class InvalidRequestBudget(int alertAt, int pauseAt, TimeSpan window)
{
    private readonly Queue<DateTimeOffset> _seen = new();
    private bool _alerted;

    public int Count(DateTimeOffset now)
    {
        Expire(now);
        return _seen.Count;
    }

    /// <summary>While the count is at the pause threshold: until its oldest entry leaves the window.</summary>
    public DateTimeOffset? PausedUntil(DateTimeOffset now)
    {
        Expire(now);
        return _seen.Count >= pauseAt && _seen.TryPeek(out var oldest) ? oldest + window : null;
    }

    public static bool IsInvalid(int status, string? scope) =>
        status is 401 or 403 || (status == 429 && !string.Equals(scope, "shared", StringComparison.OrdinalIgnoreCase));

    public BudgetSignal Record(DateTimeOffset now)
    {
        Expire(now);
        _seen.Enqueue(now);
        if (_seen.Count == pauseAt)
        {
            return BudgetSignal.Pause;
        }
        if (_seen.Count >= alertAt && !_alerted)
        {
            _alerted = true;
            return BudgetSignal.Alert;
        }
        return BudgetSignal.None;
    }

    private void Expire(DateTimeOffset now)
    {
        while (_seen.TryPeek(out var oldest) && now - oldest >= window)
        {
            _seen.Dequeue();
        }
        if (_seen.Count < alertAt / 2)
        {
            _alerted = false;
        }
    }
}
