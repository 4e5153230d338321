namespace EditorialBot.FakeDiscord;

/// <summary>A fault the fake answers a matching request with instead of handling it.</summary>
public abstract record FakeFault
{
    /// <summary>
    /// 429 with the given retry_after; <paramref name="withBody"/> false sends the headers only. <paramref name="shared"/>
    /// answers with X-RateLimit-Scope: shared, which Discord does not count as an invalid request (topics/rate-limits.mdx).
    /// </summary>
    public static FakeFault RateLimited(double retryAfterSeconds, bool global = false, bool withBody = true, bool shared = false) =>
        new RateLimitFault(retryAfterSeconds, global, withBody, shared);

    /// <summary>
    /// A 429 with no rate-limit headers and no body: what a Cloudflare ban looks like (topics/rate-limits.mdx, "Invalid
    /// Request Limit aka Cloudflare bans"). For a ban of every route for a while use <see cref="FakeDiscordServer.Ban"/>.
    /// </summary>
    public static FakeFault Cloudflare() => new CloudflareFault();

    public static FakeFault ServerError(int status, int? code = null, string? message = null) => new StatusFault(status, code, message);

    /// <summary>Holds the request open without answering (the client's timeout must fire).</summary>
    public static FakeFault Hang(TimeSpan duration) => new HangFault(duration);

    /// <summary>
    /// The request is carried out, but its response never arrives (the connection drops): the client cannot tell
    /// whether it took effect and must repeat it safely (a message create with enforce_nonce gets the same message back).
    /// </summary>
    public static FakeFault ResponseLost() => new ResponseLostFault();
}

public sealed record RateLimitFault(double RetryAfterSeconds, bool Global, bool WithBody, bool Shared = false) : FakeFault;

public sealed record CloudflareFault : FakeFault;

public sealed record StatusFault(int Status, int? Code, string? Message) : FakeFault;

public sealed record HangFault(TimeSpan Duration) : FakeFault;

public sealed record ResponseLostFault : FakeFault;

/// <summary>A per-route bucket: <see cref="Limit"/> requests per <see cref="Window"/>, per major parameter (fixed windows, as Discord reports them).</summary>
public sealed record RateLimitRule(string Bucket, int Limit, TimeSpan Window);
