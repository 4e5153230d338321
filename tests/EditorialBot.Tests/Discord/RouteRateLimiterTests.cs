using System.Net;
using EditorialBot.Bot.Discord;
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
    public async Task Bare_429s_double_the_wait_for_every_route_until_an_answer_comes_through()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        List<string> alerts = [];
        var limiter = new RouteRateLimiter(clock, new DiscordOptions { BanBackoffBase = TimeSpan.FromSeconds(5), BanBackoffMax = TimeSpan.FromSeconds(15) }, alerts.Add);
        var route = RestRoute.Create(HttpMethod.Get, $"/channels/{1UL}");
        var other = RestRoute.Create(HttpMethod.Get, $"/guilds/{2UL}/roles");

        Assert.Equal(TimeSpan.FromSeconds(5), limiter.Complete(await limiter.AcquireAsync(route, default), Bare429(), null));
        // Every route waits out the ban, not only the one that met it.
        using (var cts = new CancellationTokenSource())
        {
            var waiting = limiter.AcquireAsync(other, cts.Token).AsTask();
            Assert.False(waiting.IsCompleted);
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        }
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(10), limiter.Complete(await limiter.AcquireAsync(other, default), Bare429(), null));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(15), limiter.Complete(await limiter.AcquireAsync(route, default), Bare429(), null));
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Null(limiter.Complete(await limiter.AcquireAsync(route, default), Response(5, 4, 1), null));
        Assert.Equal(TimeSpan.FromSeconds(5), limiter.Complete(await limiter.AcquireAsync(route, default), Bare429(), null));
        Assert.Equal(4, alerts.Count);
        Assert.Equal(4, limiter.InvalidRequests);
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

    private static HttpResponseMessage Bare429() => new(HttpStatusCode.TooManyRequests);

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
