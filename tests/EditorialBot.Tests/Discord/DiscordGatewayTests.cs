using System.Diagnostics;
using System.Text.Json.Nodes;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Gateway;
using EditorialBot.Bot.Discord.Models;

namespace EditorialBot.Tests.Discord;

public sealed class DiscordGatewayTests
{
    [Fact]
    public async Task Identifies_after_hello_with_the_token_and_only_the_needed_intents()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Gateway.Start();

        var identify = await h.Fake.Gateway.ExpectIdentifyAsync();
        Assert.Equal(h.Fake.Token, identify["token"]!.GetValue<string>());
        Assert.Equal(1025, identify["intents"]!.GetValue<int>());
        Assert.Equal("editorial-bot", identify["properties"]!["browser"]!.GetValue<string>());
        Assert.Equal("/gateway?v=10&encoding=json", h.Fake.Gateway.Current.Target);

        await h.Fake.Gateway.SendReadyAsync("abc");
        var ready = await h.NextEventAsync<ReadyEvent>();
        Assert.Equal("abc", ready.Ready.SessionId);
        Assert.Equal("abc", h.Gateway.SessionId);
        Assert.Equal(h.Fake.State.BotUser.Id, h.Gateway.CurrentUser!.Id.Value);
        Assert.Equal(h.Fake.State.ApplicationId, h.Gateway.ApplicationId!.Value.Value);
    }

    [Fact]
    public async Task Heartbeats_carry_the_last_sequence_and_keep_an_acked_connection_open()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Fake.Gateway.HeartbeatInterval = TimeSpan.FromSeconds(1);
        await h.ConnectAsync();
        await h.Fake.DispatchGuildCreateAsync();
        var guild = await h.NextEventAsync<GuildCreateEvent>();
        Assert.Equal(h.Fake.State.GuildId, guild.Guild.Id.Value);

        // Several beats on one connection: every one was ACKed, so the client never declared it a zombie.
        JsonNode? beat;
        do
        {
            beat = await h.Fake.Gateway.ExpectHeartbeatAsync();
        }
        while (beat?.GetValue<int>() != 2);
        await h.Fake.Gateway.ExpectHeartbeatAsync();
        await h.Fake.Gateway.ExpectHeartbeatAsync();
        Assert.Single(h.Fake.Gateway.Connections);
        Assert.True(h.Fake.Gateway.Current.IsOpen);
    }

    [Fact]
    public async Task Server_heartbeat_request_is_answered_at_once()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Fake.Gateway.HeartbeatInterval = TimeSpan.FromSeconds(30);
        await h.ConnectAsync();
        await h.Fake.Gateway.RequestHeartbeatAsync();
        var beat = await h.Fake.Gateway.ExpectHeartbeatAsync();
        Assert.Equal(1, beat!.GetValue<int>());
    }

    [Fact]
    public async Task Zombie_connection_is_closed_with_a_resumable_code_and_resumed()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Fake.Gateway.HeartbeatInterval = TimeSpan.FromSeconds(1);
        await h.ConnectAsync();
        var first = h.Fake.Gateway.Current;
        first.AckHeartbeats = false;
        await first.Closed.WaitAsync(TimeSpan.FromSeconds(10));

        var resume = await h.Fake.Gateway.AcceptResumeAsync();
        await h.NextEventAsync<ResumedEvent>();

        Assert.NotNull(first.ClientCloseCode);
        Assert.NotEqual(1000, first.ClientCloseCode);
        Assert.NotEqual(1001, first.ClientCloseCode);
        Assert.Equal(h.Gateway.SessionId, resume["session_id"]!.GetValue<string>());
        Assert.True(h.Fake.Gateway.Current.ViaResumeUrl);
        Assert.Equal("/resume?v=10&encoding=json", h.Fake.Gateway.Current.Target);
        Assert.Equal(1, h.Fake.Gateway.Identifies);

        // The new connection starts with a clean ACK flag: it keeps beating instead of killing itself.
        await h.Fake.Gateway.ExpectHeartbeatAsync();
        await h.Fake.Gateway.ExpectHeartbeatAsync();
        await h.Fake.Gateway.ExpectHeartbeatAsync();
        Assert.Equal(2, h.Fake.Gateway.Connections.Count);
    }

    [Fact]
    public async Task Resume_after_a_dropped_socket_replays_missed_events_in_order()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        var member = h.Fake.State.AddMember("editor");
        var message = (await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("card"))).Id.Value;
        await h.Fake.DispatchReactionAddAsync(member, message, "✅");
        Assert.Equal("✅", (await h.NextEventAsync<ReactionAddedEvent>()).Reaction.Emoji.Name);

        await h.Fake.Gateway.DropAsync();
        await h.Fake.DispatchReactionAddAsync(member, message, "❌");
        await h.Fake.DispatchReactionRemoveAsync(member.User.Id, message, "✅");

        var resume = await h.Fake.Gateway.AcceptResumeAsync();
        Assert.Equal(2, resume["seq"]!.GetValue<int>());
        Assert.Equal("❌", (await h.NextEventAsync<ReactionAddedEvent>()).Reaction.Emoji.Name);
        var removed = await h.NextEventAsync<ReactionRemovedEvent>();
        Assert.Equal("✅", removed.Reaction.Emoji.Name);
        Assert.Equal(member.User.Id, removed.Reaction.UserId.Value);
        await h.NextEventAsync<ResumedEvent>();
        Assert.Equal(5, h.Gateway.Sequence);
        Assert.Equal(1, h.Fake.Gateway.Identifies);
    }

    [Fact]
    public async Task Reconnect_request_resumes_on_the_resume_url()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        var first = h.Fake.Gateway.Current;
        await h.Fake.Gateway.SendReconnectAsync();
        await h.Fake.Gateway.AcceptResumeAsync();
        await h.NextEventAsync<ResumedEvent>();
        // The fake records the close code as it reads the close frame; its loop on the old socket may still be running.
        await first.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(4000, first.ClientCloseCode);
        Assert.True(h.Fake.Gateway.Current.ViaResumeUrl);
        Assert.Equal(1, h.Fake.Gateway.Identifies);
    }

    [Fact]
    public async Task Resumable_invalid_session_resumes()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        await h.Fake.Gateway.SendInvalidSessionAsync(resumable: true);
        await h.Fake.Gateway.AcceptResumeAsync();
        await h.NextEventAsync<ResumedEvent>();
        Assert.Equal(1, h.Fake.Gateway.Identifies);
        Assert.Equal(1, h.Fake.Gateway.Resumes);
    }

    [Fact]
    public async Task Invalid_session_starts_a_new_session_after_a_random_pause()
    {
        await using var h = await DiscordHarness.StartAsync(o =>
        {
            o.InvalidSessionMinDelay = TimeSpan.FromMilliseconds(300);
            o.InvalidSessionMaxDelay = TimeSpan.FromMilliseconds(400);
        });
        await h.ConnectAsync();
        await h.Fake.Gateway.SendInvalidSessionAsync(resumable: false);

        var identify = await h.Fake.Gateway.ExpectIdentifyAsync();
        Assert.Equal(h.Fake.Token, identify["token"]!.GetValue<string>());
        Assert.False(h.Fake.Gateway.Current.ViaResumeUrl);
        Assert.Equal(0, h.Fake.Gateway.Resumes);
        var times = h.Fake.Gateway.IdentifyTimestamps;
        Assert.Equal(2, times.Count);
        Assert.True(Stopwatch.GetElapsedTime(times[0], times[1]) >= TimeSpan.FromMilliseconds(300));

        await h.Fake.Gateway.SendReadyAsync("second");
        Assert.Equal("second", (await h.NextEventAsync<ReadyEvent>()).Ready.SessionId);
    }

    [Fact]
    public async Task Identifies_are_spaced_by_the_identify_interval()
    {
        await using var h = await DiscordHarness.StartAsync(o =>
        {
            o.IdentifyInterval = TimeSpan.FromMilliseconds(1500);
            o.InvalidSessionMinDelay = TimeSpan.Zero;
            o.InvalidSessionMaxDelay = TimeSpan.Zero;
        });
        await h.ConnectAsync();
        await h.Fake.Gateway.SendInvalidSessionAsync(resumable: false);
        await h.Fake.Gateway.ExpectIdentifyAsync();
        var times = h.Fake.Gateway.IdentifyTimestamps;
        // The client spaces its sends; the fake stamps what it reads, and on a loaded machine it may read the first
        // identify late, which shortens the gap it sees. Unspaced, the second identify follows within a round trip.
        var gap = Stopwatch.GetElapsedTime(times[0], times[1]);
        Assert.True(gap >= TimeSpan.FromMilliseconds(1200), $"identifies {gap.TotalMilliseconds:F0} ms apart");
    }

    [Fact]
    public async Task No_identify_while_the_session_start_limit_is_used_up()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Fake.SessionStartRemaining = 0;
        h.Fake.SessionStartResetAfterMs = 1000;
        h.Gateway.Start();
        await h.Fake.Requests.WaitForAsync("GET /gateway/bot");
        h.Fake.SessionStartRemaining = 5;

        await h.Fake.Gateway.ExpectIdentifyAsync();
        var lookups = h.Fake.Requests.For("GET /gateway/bot");
        Assert.Equal(2, lookups.Count);
        Assert.True(h.Fake.Gateway.IdentifyTimestamps[0] > lookups[1].Timestamp);
    }

    [Theory]
    [InlineData(4004)]
    [InlineData(4014)]
    public async Task Fatal_close_code_stops_the_gateway_without_reconnecting(int code)
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        await h.Fake.Gateway.CloseAsync(code, "nope");

        var fatal = await Assert.ThrowsAsync<DiscordGatewayFatalException>(() => h.Gateway.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(code, fatal.CloseCode);
        await Assert.ThrowsAsync<DiscordGatewayFatalException>(async () =>
        {
            await foreach (var _ in h.Gateway.Events.ReadAllAsync())
            {
            }
        });
        // The run loop has ended: nothing can reconnect or identify again.
        Assert.Single(h.Fake.Gateway.Connections);
        Assert.Equal(1, h.Fake.Gateway.Identifies);
    }

    [Fact]
    public async Task A_session_that_never_becomes_ready_is_abandoned_and_retried()
    {
        await using var h = await DiscordHarness.StartAsync(o => o.HandshakeTimeout = TimeSpan.FromMilliseconds(400));
        h.Gateway.Start();
        await h.Fake.Gateway.ExpectIdentifyAsync();
        var first = h.Fake.Gateway.Current;

        // No READY: the client gives the connection up and identifies again on a new one.
        await h.Fake.Gateway.ExpectIdentifyAsync();
        Assert.NotSame(first, h.Fake.Gateway.Current);
        await first.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(4000, first.ClientCloseCode);
        await h.Fake.Gateway.SendReadyAsync();
        await h.NextEventAsync<ReadyEvent>();
    }

    [Fact]
    public async Task Stopping_closes_with_1000_and_completes_the_event_stream()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        var connection = h.Fake.Gateway.Current;
        await h.Gateway.StopAsync();
        await connection.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1000, connection.ClientCloseCode);
        await h.Gateway.Completion;
        Assert.True(h.Gateway.Events.Completion.IsCompleted);
    }

    [Fact]
    public async Task Resumable_close_code_resumes()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        await h.Fake.Gateway.CloseAsync(4000, "unknown error");
        await h.Fake.Gateway.AcceptResumeAsync();
        await h.NextEventAsync<ResumedEvent>();
        Assert.Equal(1, h.Fake.Gateway.Identifies);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(1001)]
    public async Task A_server_close_with_1000_or_1001_starts_a_new_session(int code)
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        // The fake, like Discord, forgets the session: a Resume would be refused, so the client must Identify.
        await h.Fake.Gateway.CloseAsync(code, "going away");
        await h.Fake.Gateway.ExpectIdentifyAsync();
        await h.Fake.Gateway.SendReadyAsync();
        await h.NextEventAsync<ReadyEvent>();
        Assert.Equal(2, h.Fake.Gateway.Identifies);
        Assert.Equal(0, h.Fake.Gateway.Resumes);
    }

    [Fact]
    public async Task Interaction_is_deferred_in_time_while_a_slow_handler_runs()
    {
        await using var h = await DiscordHarness.StartAsync(o => o.InteractionAutoDeferAfter = TimeSpan.FromMilliseconds(200));
        h.Fake.InteractionDeadline = TimeSpan.FromSeconds(3);
        await h.ConnectAsync();
        var member = h.Fake.State.AddMember("editor");
        var sent = await h.Fake.DispatchCommandAsync(member, "review");

        var ev = await h.NextEventAsync<InteractionCreatedEvent>();
        Assert.Equal(InteractionType.ApplicationCommand, ev.Interaction.Type);
        Assert.Equal("review", ev.Interaction.Data!.Name);
        var context = new InteractionContext(h.Rest, ev.Interaction, ev.ReceivedAt, TimeProvider.System);
        var release = new TaskCompletionSource();
        var run = context.RunAsync(async (c, ct) =>
        {
            await release.Task;
            await c.RespondAsync(new MessageCreate("Review queued."), ct: ct);
        }, h.Options.InteractionAutoDeferAfter);

        // The fake refuses callbacks later than 3 s after dispatch (10062), so an accepted defer was in time.
        var callback = await h.Fake.WaitForCallbackAsync(sent);
        Assert.Equal(5, callback["type"]!.GetValue<int>());
        Assert.False(run.IsCompleted);

        release.SetResult();
        await run;
        Assert.Equal(InteractionAck.Responded, context.Ack);
        Assert.Equal("Review queued.", Assert.Single(sent.OriginalEdits)["content"]!.GetValue<string>());
        Assert.Single(sent.Callbacks);
    }
}
