using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace EditorialBot.FakeDiscord;

/// <summary>
/// A Discord-compatible server on 127.0.0.1 (random port) for tests and benchmarks: GET /gateway/bot, a scriptable
/// WebSocket gateway (<see cref="Gateway"/>), the REST routes the bot uses over an in-memory <see cref="State"/>,
/// Discord's limits (400 + 50035), rate-limit headers per route bucket, and injectable faults. Every REST request is
/// recorded in <see cref="Requests"/>.
/// </summary>
public sealed partial class FakeDiscordServer : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    public const string ApiPrefix = "/api/v10";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, RateLimitRule> _rules = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeFault>> _faults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BucketWindow> _windows = new(StringComparer.Ordinal);
    private readonly Lock _rateLock = new();
    private readonly List<Route> _routes;
    private readonly BucketWindow _globalWindow = new();
    private readonly Queue<long> _invalidRequests = new();
    private long _globalBlockedUntil;
    private long _bannedUntil;
    private int _naturalRateLimits;
    private int _injectedRateLimits;
    private int _globalRateLimits;
    private int _bannedRequests;

    private FakeDiscordServer(WebApplication app)
    {
        _app = app;
        Gateway = new FakeGateway(this);
        _routes = BuildRoutes();
        SetRateLimit("POST /channels/{channel_id}/messages", new RateLimitRule("bucket-message-create", 5, TimeSpan.FromSeconds(5)));
        SetRateLimit("PATCH /channels/{channel_id}/messages/{message_id}", new RateLimitRule("bucket-message-edit", 5, TimeSpan.FromSeconds(5)));
    }

    public string Token { get; set; } = "fake-bot-token";
    public FakeState State { get; } = new();
    public FakeGateway Gateway { get; }
    public RequestLog Requests { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The value for Discord:ApiBaseUrl.</summary>
    public string ApiBaseUrl => BaseAddress.ToString().TrimEnd('/') + ApiPrefix;

    /// <summary>Bucket for routes without an explicit rule (generous, like most Discord routes).</summary>
    public RateLimitRule DefaultRateLimit { get; set; } = new("bucket-default", 50, TimeSpan.FromSeconds(1));

    /// <summary>
    /// Runs when a message has been created, before the creating request's response is sent. On Discord a new message
    /// exists, and users can react to it (MESSAGE_REACTION_ADD goes out on the gateway), from the moment it is created;
    /// the response reaches the bot some time later. This lets a test play what users do in that interval. Not called
    /// when enforce_nonce answers with an earlier message.
    /// </summary>
    public Func<FakeMessage, Task>? MessageCreated { get; set; }

    /// <summary>session_start_limit.remaining reported by GET /gateway/bot; each Identify uses one.</summary>
    public int SessionStartRemaining { get; set; } = 1000;

    /// <summary>session_start_limit.reset_after (ms) reported by GET /gateway/bot.</summary>
    public long SessionStartResetAfterMs { get; set; } = 14_400_000;

    /// <summary>How long an interaction token accepts its initial callback (Discord: 3 s).</summary>
    public TimeSpan InteractionDeadline { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long an interaction token works for @original edits and follow-ups (receiving-and-responding.mdx: "Interaction
    /// tokens are valid for 15 minutes"). Past it the webhook routes answer 401 with code 50027 (Invalid Webhook Token);
    /// <see cref="FakeInteraction.ExpireToken"/> plays it without waiting.
    /// </summary>
    public TimeSpan InteractionTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long enforce_nonce de-duplicates (message.mdx, Create Message: "checked for uniqueness in the past few
    /// minutes"). A retry after the window posts a second message.
    /// </summary>
    public TimeSpan NonceWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Edits to messages older than an hour are limited (opcodes-and-status-codes.mdx, 30046 "Maximum number of edits to
    /// messages older than 1 hour reached. Try again later"). The docs give no quota, so the fake allows
    /// <see cref="OldMessageEditLimit"/> such edits per channel per <see cref="OldMessageEditWindow"/>.
    /// </summary>
    public TimeSpan OldMessageAge { get; set; } = TimeSpan.FromHours(1);

    public int OldMessageEditLimit { get; set; } = 10;

    public TimeSpan OldMessageEditWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Requests per second over all routes (topics/rate-limits.mdx, "Global Rate Limit": 50 per second per bot;
    /// interaction endpoints are not bound to it). Exceeding it gets a global 429. 0 turns it off.
    /// </summary>
    public int GlobalRateLimit { get; set; } = 50;

    /// <summary>
    /// Invalid requests (401, 403, and 429 except shared scope) allowed per <see cref="InvalidRequestWindow"/> before the
    /// fake bans the client for <see cref="BanDuration"/> (topics/rate-limits.mdx: 10,000 per 10 minutes).
    /// </summary>
    public int InvalidRequestLimit { get; set; } = 10_000;

    public TimeSpan InvalidRequestWindow { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan BanDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Invalid requests (401, 403, non-shared 429) answered within the last <see cref="InvalidRequestWindow"/>.</summary>
    public int InvalidRequests
    {
        get
        {
            lock (_invalidRequests)
            {
                ExpireInvalid(Stopwatch.GetTimestamp());
                return _invalidRequests.Count;
            }
        }
    }

    /// <summary>Requests answered with a bare 429 because a ban was in force.</summary>
    public int BannedRequests => Volatile.Read(ref _bannedRequests);

    /// <summary>Global 429s caused by the client going over <see cref="GlobalRateLimit"/> (also counted in <see cref="RequestsIntoExhaustedBuckets"/>).</summary>
    public int GlobalRateLimitHits => Volatile.Read(ref _globalRateLimits);

    public bool IsBanned => Stopwatch.GetTimestamp() < Interlocked.Read(ref _bannedUntil);

    /// <summary>
    /// A Cloudflare ban: for <paramref name="duration"/> every REST request, on any route, gets a 429 with no rate-limit
    /// headers and no body (topics/rate-limits.mdx, "Invalid Request Limit aka Cloudflare bans").
    /// </summary>
    public void Ban(TimeSpan duration) =>
        Interlocked.Exchange(ref _bannedUntil, Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency));

    /// <summary>429s the fake had to answer because a request arrived while its bucket (or the global limit) was exhausted. A well-behaved client keeps this at 0.</summary>
    public int RequestsIntoExhaustedBuckets => Volatile.Read(ref _naturalRateLimits);

    public int InjectedRateLimits => Volatile.Read(ref _injectedRateLimits);

    public static async Task<FakeDiscordServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeDiscordServer(app);
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        server.BaseAddress = new Uri(app.Urls.First());
        return server;
    }

    public ValueTask DisposeAsync() => DisposeCoreAsync();

    private async ValueTask DisposeCoreAsync()
    {
        await Gateway.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Sets the bucket for a route key such as "POST /channels/{channel_id}/messages".</summary>
    public void SetRateLimit(string routeKey, RateLimitRule rule) => _rules[routeKey] = rule;

    /// <summary>The next <paramref name="times"/> requests on <paramref name="routeKey"/> get <paramref name="fault"/> instead of an answer.</summary>
    public void InjectFault(string routeKey, FakeFault fault, int times = 1)
    {
        var queue = _faults.GetOrAdd(routeKey, _ => new ConcurrentQueue<FakeFault>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(fault);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path is "/gateway" or "/resume")
        {
            await Gateway.AcceptAsync(context, resume: path == "/resume").ConfigureAwait(false);
            return;
        }
        var number = Requests.NextNumber();
        var timestamp = Stopwatch.GetTimestamp();
        string? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body);
            body = await reader.ReadToEndAsync().ConfigureAwait(false);
        }
        var apiPath = path.StartsWith(ApiPrefix, StringComparison.Ordinal) ? path[ApiPrefix.Length..] : null;
        var match = apiPath is null ? null : Match(context.Request.Method, apiPath);
        var reply = IsBanned
            ? BannedReply()
            : match is null
            ? Reply.Error(404, 0, "404: Not Found")
            : await ProcessAsync(context, match, body).ConfigureAwait(false);
        if (reply.BeforeSend is { } beforeSend)
        {
            await beforeSend().ConfigureAwait(false);
        }
        CountInvalid(reply);

        // The raw target keeps the client's percent-encoding (reaction emoji), which the decoded path hides.
        var rawPath = (context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path).Split('?')[0];
        rawPath = rawPath.StartsWith(ApiPrefix, StringComparison.Ordinal) ? rawPath[ApiPrefix.Length..] : rawPath;
        Requests.Add(new RecordedRequest(number, timestamp, context.Request.Method, rawPath, match?.Route.Template ?? path, body,
            context.Request.Headers.Authorization.FirstOrDefault(), context.Request.Headers.UserAgent.FirstOrDefault(),
            context.Request.ContentType, reply.Status));

        if (reply.Abort)
        {
            context.Abort();
            return;
        }
        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }
        if (reply.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body.ToJsonString()).ConfigureAwait(false);
        }
    }

    private async Task<Reply> ProcessAsync(HttpContext context, RouteMatch match, string? body)
    {
        var route = match.Route;
        if (!route.TokenInPath && context.Request.Headers.Authorization.FirstOrDefault() != "Bot " + Token)
        {
            return Reply.Error(401, 0, "401: Unauthorized");
        }
        if (!(context.Request.Headers.UserAgent.FirstOrDefault() ?? "").StartsWith("DiscordBot (", StringComparison.Ordinal))
        {
            return Reply.Error(403, 40333, "internal network error (missing or invalid User-Agent)");
        }
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (rawTarget.Any(c => c > 127))
        {
            return Reply.Error(400, 10014, "Unknown Emoji");
        }
        JsonNode? raw = null;
        if (body is { Length: > 0 })
        {
            if (context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
            {
                return Reply.Error(400, 50035, "Invalid Form Body");
            }
            raw = JsonNode.Parse(body);
        }
        var json = raw as JsonObject;

        if (!route.GlobalExempt && CheckGlobalLimit() is { } globallyLimited)
        {
            return globallyLimited;
        }
        var rateHeaders = new List<(string, string)>();
        var responseLost = false;
        if (!route.Exempt)
        {
            var limited = CheckRateLimit(route, match, rateHeaders, out var blocked);
            if (blocked is not null)
            {
                return blocked;
            }
            if (TakeFault(route.Key) is { } fault)
            {
                responseLost = fault is ResponseLostFault;
                if (!responseLost)
                {
                    // An injected failure was never executed: like Discord, it does not use up the bucket (the client
                    // cannot know about a slot its response did not report).
                    Uncount(limited);
                    return await ApplyFaultAsync(fault, limited, match, context.RequestAborted).ConfigureAwait(false);
                }
            }
        }
        else if (TakeFault(route.Key) is { } fault)
        {
            responseLost = fault is ResponseLostFault;
            if (!responseLost)
            {
                return await ApplyFaultAsync(fault, null, match, context.RequestAborted).ConfigureAwait(false);
            }
        }

        var reply = route.Handler(new RequestContext(match.Values, json, raw, context.Request.Query));
        reply.Headers.AddRange(rateHeaders);
        return responseLost ? new Reply(504, null) { Abort = true, BeforeSend = reply.BeforeSend } : reply;
    }

    private FakeFault? TakeFault(string routeKey) =>
        _faults.TryGetValue(routeKey, out var queue) && queue.TryDequeue(out var fault) ? fault : null;

    private async Task<Reply> ApplyFaultAsync(FakeFault fault, string? bucketKey, RouteMatch match, CancellationToken aborted)
    {
        switch (fault)
        {
            case RateLimitFault limit:
                Interlocked.Increment(ref _injectedRateLimits);
                var until = Stopwatch.GetTimestamp() + (long)(limit.RetryAfterSeconds * Stopwatch.Frequency);
                lock (_rateLock)
                {
                    if (limit.Global)
                    {
                        _globalBlockedUntil = until;
                    }
                    else if (bucketKey is not null)
                    {
                        var window = Window(bucketKey);
                        window.BlockedUntil = until;
                    }
                }
                return RateLimitReply(limit.RetryAfterSeconds, limit.Global, limit.WithBody, limit.Global ? null : RuleFor(match.Route), limit.Shared);
            case CloudflareFault:
                Interlocked.Increment(ref _injectedRateLimits);
                return new Reply(429, null);
            case StatusFault status:
                return status.Code is { } code ? Reply.Error(status.Status, code, status.Message ?? "injected") : new Reply(status.Status, null);
            case HangFault hang:
                try
                {
                    await Task.Delay(hang.Duration, aborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
                return new Reply(504, null) { Abort = true };
            default:
                throw new InvalidOperationException($"Unknown fault {fault}.");
        }
    }

    // Fixed windows per bucket + major parameter, started by the first request, as Discord reports them in headers.
    private string? CheckRateLimit(Route route, RouteMatch match, List<(string, string)> headers, out Reply? blocked)
    {
        blocked = null;
        var rule = RuleFor(route);
        var key = $"{rule.Bucket}:{match.Major}";
        var now = Stopwatch.GetTimestamp();
        lock (_rateLock)
        {
            if (now < _globalBlockedUntil)
            {
                Interlocked.Increment(ref _naturalRateLimits);
                blocked = RateLimitReply(Seconds(_globalBlockedUntil - now), global: true, withBody: true, rule: null);
                return key;
            }
            var window = Window(key);
            if (now < window.BlockedUntil)
            {
                Interlocked.Increment(ref _naturalRateLimits);
                blocked = RateLimitReply(Seconds(window.BlockedUntil - now), global: false, withBody: true, rule);
                return key;
            }
            if (now >= window.End)
            {
                window.Count = 0;
                window.End = now + (long)(rule.Window.TotalSeconds * Stopwatch.Frequency);
            }
            var resetAfter = Seconds(window.End - now);
            if (window.Count >= rule.Limit)
            {
                Interlocked.Increment(ref _naturalRateLimits);
                blocked = RateLimitReply(resetAfter, global: false, withBody: true, rule);
                return key;
            }
            window.Count++;
            headers.Add(("X-RateLimit-Limit", rule.Limit.ToString(CultureInfo.InvariantCulture)));
            headers.Add(("X-RateLimit-Remaining", (rule.Limit - window.Count).ToString(CultureInfo.InvariantCulture)));
            headers.Add(("X-RateLimit-Reset-After", resetAfter.ToString("0.000", CultureInfo.InvariantCulture)));
            headers.Add(("X-RateLimit-Reset", (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 + resetAfter).ToString("0.000", CultureInfo.InvariantCulture)));
            headers.Add(("X-RateLimit-Bucket", rule.Bucket));
            return key;
        }
    }

    private void Uncount(string? bucketKey)
    {
        if (bucketKey is null)
        {
            return;
        }
        lock (_rateLock)
        {
            var window = Window(bucketKey);
            window.Count = Math.Max(0, window.Count - 1);
        }
    }

    private RateLimitRule RuleFor(Route route) => _rules.TryGetValue(route.Key, out var rule) ? rule : DefaultRateLimit;

    private BucketWindow Window(string key)
    {
        if (!_windows.TryGetValue(key, out var window))
        {
            window = new BucketWindow();
            _windows[key] = window;
        }
        return window;
    }

    private static Reply RateLimitReply(double retryAfter, bool global, bool withBody, RateLimitRule? rule, bool shared = false)
    {
        var text = retryAfter.ToString("0.000", CultureInfo.InvariantCulture);
        var reply = new Reply(429, withBody ? new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = Math.Round(retryAfter, 3), ["global"] = global } : null);
        reply.Headers.Add(("Retry-After", Math.Max(1, (int)Math.Ceiling(retryAfter)).ToString(CultureInfo.InvariantCulture)));
        reply.Headers.Add(("X-RateLimit-Scope", global ? "global" : shared ? "shared" : "user"));
        if (global)
        {
            reply.Headers.Add(("X-RateLimit-Global", "true"));
        }
        else if (rule is not null)
        {
            reply.Headers.Add(("X-RateLimit-Limit", rule.Limit.ToString(CultureInfo.InvariantCulture)));
            reply.Headers.Add(("X-RateLimit-Remaining", "0"));
            reply.Headers.Add(("X-RateLimit-Reset-After", text));
            reply.Headers.Add(("X-RateLimit-Bucket", rule.Bucket));
        }
        return reply;
    }

    // Global limit: fixed one-second windows over every route but the interaction ones, counted on arrival.
    private Reply? CheckGlobalLimit()
    {
        var limit = GlobalRateLimit;
        if (limit <= 0)
        {
            return null;
        }
        var now = Stopwatch.GetTimestamp();
        lock (_rateLock)
        {
            if (now >= _globalWindow.End)
            {
                _globalWindow.Count = 0;
                _globalWindow.End = now + Stopwatch.Frequency;
            }
            if (_globalWindow.Count >= limit)
            {
                Interlocked.Increment(ref _naturalRateLimits);
                Interlocked.Increment(ref _globalRateLimits);
                return RateLimitReply(Seconds(_globalWindow.End - now), global: true, withBody: true, rule: null);
            }
            _globalWindow.Count++;
            return null;
        }
    }

    private Reply BannedReply()
    {
        Interlocked.Increment(ref _bannedRequests);
        return new Reply(429, null) { NotCounted = true };
    }

    // topics/rate-limits.mdx: 401, 403 and 429 are invalid requests, except 429s with X-RateLimit-Scope: shared.
    private void CountInvalid(Reply reply)
    {
        if (reply.NotCounted || reply.Status is not (401 or 403 or 429)
            || reply.Headers.Any(static h => h.Name == "X-RateLimit-Scope" && h.Value == "shared"))
        {
            return;
        }
        var now = Stopwatch.GetTimestamp();
        lock (_invalidRequests)
        {
            ExpireInvalid(now);
            _invalidRequests.Enqueue(now);
            if (_invalidRequests.Count >= InvalidRequestLimit)
            {
                _invalidRequests.Clear();
                Ban(BanDuration);
            }
        }
    }

    private void ExpireInvalid(long now)
    {
        var window = (long)(InvalidRequestWindow.TotalSeconds * Stopwatch.Frequency);
        while (_invalidRequests.TryPeek(out var oldest) && now - oldest >= window)
        {
            _invalidRequests.Dequeue();
        }
    }

    // Rounded up to the millisecond so a client that waits exactly reset_after never arrives early.
    private static double Seconds(long stopwatchTicks) => Math.Ceiling(stopwatchTicks * 1000.0 / Stopwatch.Frequency) / 1000.0;

    private RouteMatch? Match(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        foreach (var route in _routes)
        {
            if (route.Method != method || route.Segments.Length != segments.Length)
            {
                continue;
            }
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var ok = true;
            for (var i = 0; i < segments.Length && ok; i++)
            {
                var part = route.Segments[i];
                if (part.StartsWith('{'))
                {
                    values[part.Trim('{', '}')] = Uri.UnescapeDataString(segments[i]);
                }
                else
                {
                    ok = part == segments[i];
                }
            }
            if (ok)
            {
                var major = values.TryGetValue("channel_id", out var c) ? c
                    : values.TryGetValue("guild_id", out var g) && route.Segments[0] == "guilds" ? g
                    : route.Segments[0] == "webhooks" ? $"{values["application_id"]}/{values["interaction_token"]}"
                    : "";
                return new RouteMatch(route, values, major);
            }
        }
        return null;
    }

    private sealed class BucketWindow
    {
        public int Count;
        public long End;
        public long BlockedUntil;
    }

    private sealed record Route(string Method, string Template, Func<RequestContext, Reply> Handler, bool Exempt = false, bool TokenInPath = false)
    {
        public string[] Segments { get; } = Template.Trim('/').Split('/');

        /// <summary>Interaction endpoints are not bound to the global limit (topics/rate-limits.mdx, "Global Rate Limit").</summary>
        public bool GlobalExempt => Exempt || TokenInPath;
        public string Key => $"{Method} {Template}";
    }

    private sealed record RouteMatch(Route Route, Dictionary<string, string> Values, string Major);

    private sealed record RequestContext(Dictionary<string, string> Values, JsonObject? Body, JsonNode? Raw, IQueryCollection Query)
    {
        public ulong Id(string name) => ulong.Parse(Values[name], CultureInfo.InvariantCulture);
    }

    private sealed record Reply(int Status, JsonNode? Body)
    {
        public List<(string Name, string Value)> Headers { get; } = [];
        public bool Abort { get; init; }

        /// <summary>Done after the request was handled and before its response is sent (<see cref="MessageCreated"/>).</summary>
        public Func<Task>? BeforeSend { get; init; }

        /// <summary>Answers during a ban are not counted again as invalid requests.</summary>
        public bool NotCounted { get; init; }

        public static Reply Error(int status, int code, string message) => new(status, new JsonObject { ["code"] = code, ["message"] = message });

        public static Reply Json(JsonNode body, int status = 200) => new(status, body);

        public static Reply NoContent() => new(204, null);
    }
}
