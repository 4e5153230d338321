using System.Globalization;
using System.Net;
using EditorialBot.Bot.Discord.Models;

namespace EditorialBot.Bot.Discord.Rest;

/// <summary>
/// The one layer that owns Discord's rate limits: buckets learned from X-RateLimit-* headers (keyed by bucket hash plus
/// major parameter), one request in flight while a route's bucket is unknown, no request into a bucket known to be
/// exhausted, a global pause after a global 429. Like discord.js (@discordjs/rest) it also keeps two budgets before
/// Discord enforces them (topics/rate-limits.mdx): at most <see cref="DiscordOptions.GlobalRequestsPerSecond"/> requests
/// per second over all routes but the interaction ones, and a count of invalid requests (401, 403, non-shared 429) that
/// alerts the admins and then pauses everything far below Discord's 10,000 per 10 minutes. A 429 without rate-limit
/// headers or body is a Cloudflare ban: every route waits, doubling the wait on each further bare 429.
/// </summary>
internal sealed class RouteRateLimiter
{
    private readonly TimeProvider _time;
    private readonly DiscordOptions _options;
    private readonly Action<string>? _alert;
    private readonly InvalidRequestBudget _invalid;
    private readonly Queue<DateTimeOffset> _globalReleases = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Bucket> _routeBuckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bucket> _hashBuckets = new(StringComparer.Ordinal);
    private static readonly TimeSpan s_idleAfter = TimeSpan.FromMinutes(1);
    private DateTimeOffset _globalUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;
    private TaskCompletionSource _globalChanged = NewSignal();
    private DateTimeOffset _bannedUntil = DateTimeOffset.MinValue;
    private int _banStrikes;
    private int _globalInFlight;

    /// <param name="alert">Told (under the limiter's lock: keep it quick) when the admins should hear about the budgets.</param>
    public RouteRateLimiter(TimeProvider time, DiscordOptions? options = null, Action<string>? alert = null)
    {
        _time = time;
        _options = options ?? new DiscordOptions();
        _alert = alert;
        _invalid = new InvalidRequestBudget(_options.InvalidRequestAlertAt, _options.InvalidRequestPauseAt, _options.InvalidRequestWindow);
    }

    /// <summary>Invalid requests (401, 403, non-shared 429) seen in the last <see cref="DiscordOptions.InvalidRequestWindow"/>.</summary>
    public int InvalidRequests
    {
        get
        {
            lock (_lock)
            {
                return _invalid.Count(_time.GetUtcNow());
            }
        }
    }

    public async ValueTask<Lease> AcquireAsync(RestRoute route, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            Task wait;
            TimeSpan delay;
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                EvictIdleBuckets(now);
                var blockedUntil = BlockedUntil(route, now);
                if (now < blockedUntil)
                {
                    wait = _globalChanged.Task;
                    delay = blockedUntil - now;
                }
                else if (!route.BypassGlobal && !GlobalSlotFree(now, out var freeAt))
                {
                    wait = _globalChanged.Task;
                    delay = freeAt is { } at ? at - now : Timeout.InfiniteTimeSpan;
                }
                else
                {
                    var bucket = BucketFor(route);
                    if (bucket.TryTake(now, out var generation, out var probe))
                    {
                        if (!route.BypassGlobal)
                        {
                            _globalInFlight++;
                        }
                        return new Lease(route, bucket, generation, probe, Global: !route.BypassGlobal);
                    }
                    wait = bucket.Changed;
                    delay = bucket.ResetAt is { } reset ? reset - now : Timeout.InfiniteTimeSpan;
                }
            }
            await WaitAsync(wait, delay, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Learns from the response's headers. For a 429 returns how long to wait before retrying the same request.</summary>
    public TimeSpan? Complete(Lease lease, HttpResponseMessage response, DiscordErrorBody? rateLimitBody)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            ReleaseGlobal(lease, now);
            var bucket = lease.Bucket;
            var headers = response.Headers;
            RecordInvalid(now, (int)response.StatusCode, Header(headers, "X-RateLimit-Scope"));
            if (response.StatusCode == HttpStatusCode.TooManyRequests && rateLimitBody is null && !HasRateLimitHeaders(headers))
            {
                var backoff = Ban(now);
                lease.Bucket.Release(lease);
                lease.Bucket.Pulse();
                return backoff;
            }
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                _banStrikes = 0;
            }
            var hash = Header(headers, "X-RateLimit-Bucket");
            if (hash is not null && bucket.Hash != hash)
            {
                bucket = Promote(lease.Route, bucket, hash);
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = TimeSpan.FromSeconds(
                    rateLimitBody?.RetryAfter
                    ?? Seconds(headers, "Retry-After")
                    ?? Seconds(headers, "X-RateLimit-Reset-After")
                    ?? 1.0);
                var global = rateLimitBody?.Global == true || Header(headers, "X-RateLimit-Global") == "true";
                if (global)
                {
                    _globalUntil = Max(_globalUntil, now + retryAfter);
                    Pulse(ref _globalChanged);
                }
                else
                {
                    bucket.Exhaust(now + retryAfter);
                }
                lease.Bucket.Release(lease);
                bucket.Pulse();
                return retryAfter;
            }
            var limit = Int(headers, "X-RateLimit-Limit");
            var remaining = Int(headers, "X-RateLimit-Remaining");
            var resetAfter = Seconds(headers, "X-RateLimit-Reset-After");
            if (limit is not null && remaining is not null && resetAfter is not null)
            {
                bucket.Update(lease, limit.Value, remaining.Value, now + TimeSpan.FromSeconds(resetAfter.Value));
            }
            else if (hash is null && lease.Bucket.Hash is null)
            {
                lease.Bucket.Unlimited = true;
            }
            lease.Bucket.Release(lease);
            bucket.Pulse();
            lease.Bucket.Pulse();
            return null;
        }
    }

    /// <summary>The request never got an answer (network error, timeout): give its slot back.</summary>
    public void Abandon(Lease lease)
    {
        lock (_lock)
        {
            ReleaseGlobal(lease, _time.GetUtcNow());
            lease.Bucket.Release(lease);
            lease.Bucket.Pulse();
        }
    }

    /// <summary>Counts an answer the limiter did not send (interaction callbacks) toward the invalid-request budget.</summary>
    public void Observe(HttpResponseMessage response)
    {
        lock (_lock)
        {
            RecordInvalid(_time.GetUtcNow(), (int)response.StatusCode, Header(response.Headers, "X-RateLimit-Scope"));
        }
    }

    // Bans and the invalid-request pause stop every route that goes through the limiter; a global 429 stops all but the
    // interaction routes, which Discord exempts from the global limit.
    private DateTimeOffset BlockedUntil(RestRoute route, DateTimeOffset now)
    {
        var until = _bannedUntil;
        if (_invalid.PausedUntil(now) is { } paused)
        {
            until = Max(until, paused);
        }
        return route.BypassGlobal ? until : Max(until, _globalUntil);
    }

    // A request holds its global slot from sending until one second after its answer arrived. Discord counts arrivals,
    // which fall between the two, so no one-second window on Discord's side can see more than the limit.
    private bool GlobalSlotFree(DateTimeOffset now, out DateTimeOffset? freeAt)
    {
        while (_globalReleases.TryPeek(out var release) && release <= now)
        {
            _globalReleases.Dequeue();
        }
        freeAt = _globalReleases.TryPeek(out var next) ? next : null;
        return _globalInFlight + _globalReleases.Count < Math.Max(1, _options.GlobalRequestsPerSecond);
    }

    private void ReleaseGlobal(Lease lease, DateTimeOffset now)
    {
        if (!lease.Global || lease.GlobalReleased)
        {
            return;
        }
        lease.GlobalReleased = true;
        _globalInFlight--;
        _globalReleases.Enqueue(now + TimeSpan.FromSeconds(1));
        Pulse(ref _globalChanged);
    }

    // A bare 429 (no rate-limit headers, no body) comes from Cloudflare, not from a bucket: the IP is banned for every
    // route. Back off exponentially across all routes; the first answer that is not a 429 resets the doubling.
    private TimeSpan Ban(DateTimeOffset now)
    {
        _banStrikes++;
        var factor = Math.Pow(2, Math.Min(_banStrikes - 1, 20));
        var backoff = TimeSpan.FromTicks((long)Math.Min(_options.BanBackoffBase.Ticks * factor, _options.BanBackoffMax.Ticks));
        _bannedUntil = Max(_bannedUntil, now + backoff);
        Pulse(ref _globalChanged);
        _alert?.Invoke($"Discord answered with a 429 that has no rate-limit headers (a Cloudflare ban of the bot's IP); every request now waits {backoff.TotalSeconds:0} s (ban #{_banStrikes} in a row).");
        return backoff;
    }

    private void RecordInvalid(DateTimeOffset now, int status, string? scope)
    {
        if (!InvalidRequestBudget.IsInvalid(status, scope))
        {
            return;
        }
        var window = _options.InvalidRequestWindow.TotalMinutes;
        switch (_invalid.Record(now))
        {
            case BudgetSignal.Alert:
                _alert?.Invoke($"Discord refused {_invalid.Count(now)} requests (401/403/429) in the last {window:0} minutes; at 10,000 Discord bans the bot's IP. Check the bot's token and its permissions in the review channel.");
                break;
            case BudgetSignal.Pause:
                _alert?.Invoke($"Discord refused {_invalid.Count(now)} requests (401/403/429) in the last {window:0} minutes: the bot pauses every request to Discord until {_invalid.PausedUntil(now):HH:mm:ss} UTC to stay clear of Discord's IP ban. Check the bot's token and permissions.");
                Pulse(ref _globalChanged);
                break;
        }
    }

    private static bool HasRateLimitHeaders(System.Net.Http.Headers.HttpResponseHeaders headers) =>
        headers.Contains("Retry-After") || headers.Any(static h => h.Key.StartsWith("X-RateLimit-", StringComparison.OrdinalIgnoreCase));

    /// <summary>Routes and buckets currently tracked (idle ones are dropped after a minute).</summary>
    public int TrackedRoutes
    {
        get
        {
            lock (_lock)
            {
                return _routeBuckets.Count;
            }
        }
    }

    // Buckets idle for a minute are forgotten; a later request simply learns them again with one probe.
    private void EvictIdleBuckets(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }
        _nextSweep = now + s_idleAfter;
        foreach (var (key, bucket) in _routeBuckets.ToList())
        {
            if (bucket.IsIdle(now, s_idleAfter))
            {
                _routeBuckets.Remove(key);
            }
        }
        foreach (var (key, bucket) in _hashBuckets.ToList())
        {
            if (bucket.IsIdle(now, s_idleAfter))
            {
                _hashBuckets.Remove(key);
            }
        }
    }

    private Bucket BucketFor(RestRoute route)
    {
        if (!_routeBuckets.TryGetValue(route.Key, out var bucket))
        {
            bucket = new Bucket(null);
            _routeBuckets[route.Key] = bucket;
        }
        return bucket;
    }

    // Routes that report the same hash (for the same major parameter) share one bucket from now on.
    private Bucket Promote(RestRoute route, Bucket current, string hash)
    {
        var key = $"{hash}:{route.MajorParameter}";
        if (!_hashBuckets.TryGetValue(key, out var shared))
        {
            shared = current.Hash is null ? current : new Bucket(null);
            shared.Hash = hash;
            _hashBuckets[key] = shared;
        }
        _routeBuckets[route.Key] = shared;
        if (!ReferenceEquals(shared, current))
        {
            current.Pulse();
        }
        return shared;
    }

    private async Task WaitAsync(Task signal, TimeSpan delay, CancellationToken ct)
    {
        if (delay == Timeout.InfiniteTimeSpan)
        {
            await signal.WaitAsync(ct).ConfigureAwait(false);
            return;
        }
        if (delay <= TimeSpan.Zero)
        {
            return;
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var timer = Task.Delay(delay, _time, cts.Token);
        await Task.WhenAny(signal, timer).ConfigureAwait(false);
        cts.Cancel();
        ct.ThrowIfCancellationRequested();
    }

    private static string? Header(System.Net.Http.Headers.HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static int? Int(System.Net.Http.Headers.HttpResponseHeaders headers, string name) =>
        int.TryParse(Header(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static double? Seconds(System.Net.Http.Headers.HttpResponseHeaders headers, string name) =>
        double.TryParse(Header(headers, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : null;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void Pulse(ref TaskCompletionSource signal)
    {
        var old = signal;
        signal = NewSignal();
        old.TrySetResult();
    }

    internal sealed record Lease(RestRoute Route, Bucket Bucket, long Generation, bool Probe, bool Global = false)
    {
        /// <summary>Set once the global slot was handed back (a lease is completed or abandoned once, but be safe).</summary>
        public bool GlobalReleased { get; set; }
    }

    /// <summary>State of one bucket; every member is used under the limiter's lock.</summary>
    internal sealed class Bucket(string? hash)
    {
        private TaskCompletionSource _changed = NewSignal();
        private bool _known;
        private int _limit;
        private int _remaining;
        private int _probesInFlight;
        private long _generation;

        public string? Hash { get; set; } = hash;
        public bool Unlimited { get; set; }

        /// <summary>When the current window ends; null while no response has told us.</summary>
        public DateTimeOffset? ResetAt { get; private set; }

        public Task Changed => _changed.Task;

        public DateTimeOffset LastUsed { get; private set; }

        public bool IsIdle(DateTimeOffset now, TimeSpan idle) =>
            _probesInFlight == 0 && (ResetAt is null || now >= ResetAt) && now - LastUsed >= idle;

        public bool TryTake(DateTimeOffset now, out long generation, out bool probe)
        {
            LastUsed = now;
            generation = _generation;
            probe = false;
            if (Unlimited)
            {
                return true;
            }
            if (ResetAt is { } reset && now >= reset)
            {
                _generation++;
                generation = _generation;
                _remaining = _limit;
                ResetAt = null;
            }
            if (!_known)
            {
                // Unknown bucket: exactly one request at a time finds out what the limits are.
                if (_probesInFlight > 0 || ResetAt is not null)
                {
                    return false;
                }
                _probesInFlight++;
                probe = true;
                return true;
            }
            if (_remaining <= 0)
            {
                return false;
            }
            _remaining--;
            return true;
        }

        public void Update(Lease lease, int limit, int remaining, DateTimeOffset resetAt)
        {
            if (!_known)
            {
                _known = true;
                _limit = limit;
                _remaining = remaining;
                ResetAt = resetAt;
                return;
            }
            // A late answer from an earlier window must not move the window we are in now.
            if (ReferenceEquals(lease.Bucket, this) && lease.Generation != _generation)
            {
                return;
            }
            _limit = limit;
            _remaining = Math.Min(_remaining, remaining);
            if (ResetAt is null || resetAt > ResetAt)
            {
                ResetAt = resetAt;
            }
        }

        public void Exhaust(DateTimeOffset until)
        {
            // An unknown bucket stays unknown (one probe at a time) but is blocked until the 429 expires.
            _remaining = 0;
            ResetAt = until;
        }

        public void Release(Lease lease)
        {
            if (lease.Probe && _probesInFlight > 0)
            {
                _probesInFlight--;
            }
        }

        public void Pulse() => RouteRateLimiter.Pulse(ref _changed);
    }
}
