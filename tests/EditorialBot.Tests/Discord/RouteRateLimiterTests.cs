using System.Net;
using EditorialBot.Bot.Discord.Rest;
using Microsoft.Extensions.Time.Testing;

namespace EditorialBot.Tests.Discord;

public sealed class RouteRateLimiterTests
{
    [Fact]
    public async Task Exhausted_bucket_admits_nothing_until_its_reset()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var limiter = new RouteRateLimiter(clock);
        var route = RestRoute.Create(HttpMethod.Post, $"/channels/{1UL}/messages");

        var probe = await limiter.AcquireAsync(route, default);
        Assert.True(probe.Probe);
        using var cts = new CancellationTokenSource();
        // While the bucket is unknown only the probe is in flight.
        var second = limiter.AcquireAsync(route, cts.Token).AsTask();
        Assert.False(second.IsCompleted);

        limiter.Complete(probe, Response(limit: 2, remaining: 1, resetAfter: 10), null);
        await second.WaitAsync(TimeSpan.FromSeconds(5));
        // Limit 2 reached in this window: the third waits for the reset (or, here, its cancellation).
        var third = limiter.AcquireAsync(route, cts.Token).AsTask();
        Assert.False(third.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
    }

    [Fact]
    public async Task Idle_buckets_are_forgotten_after_a_minute()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var limiter = new RouteRateLimiter(clock);
        var a = RestRoute.Create(HttpMethod.Get, $"/channels/{1UL}");
        var b = RestRoute.Create(HttpMethod.Get, $"/channels/{2UL}");
        limiter.Complete(await limiter.AcquireAsync(a, default), Response(5, 4, 1), null);
        limiter.Complete(await limiter.AcquireAsync(b, default), Response(5, 4, 1), null);
        Assert.Equal(2, limiter.TrackedRoutes);

        clock.Advance(TimeSpan.FromMinutes(2));
        limiter.Complete(await limiter.AcquireAsync(b, default), Response(5, 4, 1), null);
        Assert.Equal(1, limiter.TrackedRoutes);
    }

    [Fact]
    public void Routes_key_on_the_template_and_the_major_parameter()
    {
        var one = RestRoute.Create(HttpMethod.Post, $"/channels/{1UL}/messages/{7UL}/reactions/{"✅"}/@me");
        var other = RestRoute.Create(HttpMethod.Post, $"/channels/{1UL}/messages/{8UL}/reactions/{"approve:99"}/@me");
        Assert.Equal(one.Key, other.Key);
        Assert.Equal("/channels/1/messages/7/reactions/%E2%9C%85/@me", one.Path);
        Assert.Equal("/channels/1/messages/8/reactions/approve:99/@me", other.Path);
        Assert.Equal("42/tok", RestRoute.Create(HttpMethod.Post, $"/webhooks/{42UL}/{"tok"}").MajorParameter);
    }

    private static HttpResponseMessage Response(int limit, int remaining, double resetAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.Add("X-RateLimit-Bucket", "hash");
        response.Headers.Add("X-RateLimit-Limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("X-RateLimit-Remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("X-RateLimit-Reset-After", resetAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return response;
    }
}
