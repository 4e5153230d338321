namespace EditorialBot.FakeDiscord;

/// <summary>A fault the fake answers a matching request with instead of handling it.</summary>
public abstract record FakeFault
{
    /// <summary>429 with the given retry_after; <paramref name="withBody"/> false mimics Cloudflare's empty body (headers only).</summary>
    public static FakeFault RateLimited(double retryAfterSeconds, bool global = false, bool withBody = true) => new RateLimitFault(retryAfterSeconds, global, withBody);

    public static FakeFault ServerError(int status, int? code = null, string? message = null) => new StatusFault(status, code, message);

    /// <summary>Holds the request open without answering (the client's timeout must fire).</summary>
    public static FakeFault Hang(TimeSpan duration) => new HangFault(duration);
}

public sealed record RateLimitFault(double RetryAfterSeconds, bool Global, bool WithBody) : FakeFault;

public sealed record StatusFault(int Status, int? Code, string? Message) : FakeFault;

public sealed record HangFault(TimeSpan Duration) : FakeFault;

/// <summary>A per-route bucket: <see cref="Limit"/> requests per <see cref="Window"/>, per major parameter (fixed windows, as Discord reports them).</summary>
public sealed record RateLimitRule(string Bucket, int Limit, TimeSpan Window);
