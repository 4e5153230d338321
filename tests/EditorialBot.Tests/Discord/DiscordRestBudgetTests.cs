using System.Net;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Gateway;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.FakeDiscord;

namespace EditorialBot.Tests.Discord;

/// <summary>The budgets the client keeps before Discord enforces them: global 50/s, invalid requests, bans, bounded 429 loops.</summary>
public sealed class DiscordRestBudgetTests
{
    private const string GetChannel = "GET /channels/{channel_id}";

    [Fact]
    public async Task A_burst_stays_under_the_global_limit_of_fifty_a_second()
    {
        await using var h = await DiscordHarness.StartAsync();
        // Buckets generous enough that only the global limit can bite.
        h.Fake.DefaultRateLimit = new RateLimitRule("bucket-default", 1000, TimeSpan.FromSeconds(1));
        var channels = Enumerable.Range(0, 6).Select(i => (Snowflake)h.Fake.State.AddChannel($"c{i}").Id).ToList();

        await Task.WhenAll(Enumerable.Range(0, 130).Select(i => h.Rest.GetChannelAsync(channels[i % channels.Count])));

        Assert.Equal(130, h.Fake.Requests.For(GetChannel).Count);
        Assert.Equal(0, h.Fake.GlobalRateLimitHits);
        Assert.Equal(0, h.Fake.RequestsIntoExhaustedBuckets);
    }

    [Fact]
    public async Task Interaction_callbacks_are_not_held_back_by_the_global_limit()
    {
        await using var h = await DiscordHarness.StartAsync(o => o.GlobalRequestsPerSecond = 1);
        await h.ConnectAsync();
        await h.Rest.GetChannelAsync(h.Channel);
        // The one global slot of this second is taken; a command still gets its answer at once.
        var blocked = h.Rest.GetGuildRolesAsync(h.Fake.State.GuildId);
        var sent = await h.Fake.DispatchCommandAsync(h.Fake.State.AddMember("ana"), "queue");
        var ev = await h.NextEventAsync<InteractionCreatedEvent>();
        await h.Rest.CreateInteractionResponseAsync(ev.Interaction.Id, ev.Interaction.Token,
            new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, new InteractionCallbackData("ok")), ev.ReceivedAt);
        Assert.Equal(4, sent.InitialResponseType);
        await blocked;
        Assert.Equal(0, h.Fake.GlobalRateLimitHits);
    }

    [Fact]
    public async Task A_bare_429_backs_off_exponentially_for_every_route()
    {
        await using var h = await DiscordHarness.StartAsync(o => o.BanBackoffBase = TimeSpan.FromMilliseconds(300));
        await h.Rest.GetChannelAsync(h.Channel);
        h.Fake.InjectFault(GetChannel, FakeFault.Cloudflare(), times: 2);

        await h.Rest.GetChannelAsync(h.Channel);
        var alert = await h.Rest.Alerts.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("Cloudflare", alert, StringComparison.Ordinal);

        var tries = h.Fake.Requests.For(GetChannel).Skip(1).ToList();
        Assert.Equal([429, 429, 200], tries.Select(static r => r.Status));
        // The limiter starts each wait when it reads the 429, a little after the fake logged the request: allow 100 ms
        // of that on a loaded machine; the second wait (>= 500 ms) is still longer than the whole first one (300 ms).
        Assert.True(tries[1].ElapsedSince(tries[0]) >= TimeSpan.FromMilliseconds(200));
        Assert.True(tries[2].ElapsedSince(tries[1]) >= TimeSpan.FromMilliseconds(500));

        // Another route, started during a ban, waits for it too: the ban is for the IP, not for one bucket. (A separate
        // ban: run during the first one, its 200 could reset the doubling before the second 429 is read.)
        while (h.Rest.Alerts.TryRead(out _))
        {
        }
        h.Fake.InjectFault(GetChannel, FakeFault.Cloudflare(), times: 1);
        var seen = tries[^1].Number;
        var channel = h.Rest.GetChannelAsync(h.Channel);
        var ban = await h.Fake.Requests.WaitForAsync(r => r.Number > seen && r.Status == 429);
        // The alert is raised as the ban is set, so the next request surely starts during it.
        await h.Rest.Alerts.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var roles = h.Rest.GetGuildRolesAsync(h.Fake.State.GuildId);
        await Task.WhenAll(channel, roles);
        var rolesRequest = h.Fake.Requests.For("GET /guilds/{guild_id}/roles").Single();
        Assert.True(rolesRequest.ElapsedSince(ban) >= TimeSpan.FromMilliseconds(200));
        Assert.Equal(200, rolesRequest.Status);
    }

    [Fact]
    public async Task Invalid_requests_alert_the_admins_and_then_pause_everything_long_before_discord_bans()
    {
        await using var h = await DiscordHarness.StartAsync(o =>
        {
            o.InvalidRequestAlertAt = 2;
            o.InvalidRequestPauseAt = 4;
        });
        // A shared-scope 429 is not an invalid request (topics/rate-limits.mdx).
        h.Fake.InjectFault(GetChannel, FakeFault.RateLimited(0.05, shared: true));
        await h.Rest.GetChannelAsync(h.Channel);
        Assert.Equal(0, h.Rest.InvalidRequests);

        h.Fake.InjectFault(GetChannel, FakeFault.ServerError(403, 50013, "Missing Permissions"), times: 4);
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.GetChannelAsync(h.Channel));
        }
        Assert.True(h.Rest.Alerts.TryRead(out var warning));
        Assert.Contains("refused 2 requests", warning, StringComparison.Ordinal);
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.GetChannelAsync(h.Channel));
        }
        Assert.True(h.Rest.Alerts.TryRead(out var pause));
        Assert.Contains("pauses every request", pause, StringComparison.Ordinal);
        Assert.Equal(4, h.Rest.InvalidRequests);
        Assert.Equal(4, h.Fake.InvalidRequests);

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Rest.GetGuildRolesAsync(h.Fake.State.GuildId, cts.Token));
        Assert.Empty(h.Fake.Requests.For("GET /guilds/{guild_id}/roles"));
    }

    [Fact]
    public async Task The_429_loop_of_one_request_is_bounded_and_the_caller_gets_a_transient_error()
    {
        await using var h = await DiscordHarness.StartAsync(o => o.MaxRateLimitRetries = 2);
        h.Fake.InjectFault(GetChannel, FakeFault.RateLimited(0.05), times: 5);
        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.GetChannelAsync(h.Channel));
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.Status);
        Assert.False(ex.IsPermanent);
        Assert.NotNull(ex.RetryAfter);
        Assert.Equal(3, h.Fake.Requests.For(GetChannel).Count);
    }

    [Fact]
    public async Task The_user_agent_names_the_configured_url()
    {
        await using var h = await DiscordHarness.StartAsync(o => o.UserAgentUrl = "https://git.example.net/desk");
        await h.Rest.GetChannelAsync(h.Channel);
        Assert.StartsWith("DiscordBot (https://git.example.net/desk, ", h.Fake.Requests.All.Single().UserAgent);
    }
}
