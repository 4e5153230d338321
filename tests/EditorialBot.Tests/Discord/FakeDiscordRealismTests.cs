using System.Net;
using System.Text;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Gateway;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.FakeDiscord;

namespace EditorialBot.Tests.Discord;

/// <summary>
/// Behaviours of real Discord that the fake models (each cites its doc page in the fake), seen through the real client:
/// expired interaction tokens, archived and locked threads, permission overwrites, the nonce window (and a lost create
/// response retried within it), 30046, reaction counts on message objects, bans, invalid-request counting and command visibility.
/// </summary>
public sealed class FakeDiscordRealismTests
{
    [Fact]
    public async Task An_expired_interaction_token_is_a_401_50027_and_does_not_stop_the_client()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        var sent = await h.Fake.DispatchCommandAsync(h.Fake.State.AddMember("ana"), "sweep");
        var ev = await h.NextEventAsync<InteractionCreatedEvent>();
        await h.Rest.CreateInteractionResponseAsync(ev.Interaction.Id, ev.Interaction.Token,
            new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource, new InteractionCallbackData(Flags: 64)), ev.ReceivedAt);
        sent.ExpireToken();

        var late = await Assert.ThrowsAsync<DiscordApiException>(() =>
            h.Rest.EditOriginalResponseAsync(ev.Interaction.ApplicationId, ev.Interaction.Token, new MessageEdit("Sweep done.")));
        Assert.Equal(HttpStatusCode.Unauthorized, late.Status);
        Assert.Equal(DiscordApiException.InvalidWebhookToken, late.Code);
        Assert.True(late.IsExpiredInteraction);
        Assert.True(late.IsPermanent);
        var followUp = await Assert.ThrowsAsync<DiscordApiException>(() =>
            h.Rest.CreateFollowUpAsync(ev.Interaction.ApplicationId, ev.Interaction.Token, new MessageCreate("Sweep done.")));
        Assert.Equal(DiscordApiException.InvalidWebhookToken, followUp.Code);

        // The bot token is fine: bot-token requests still go out.
        var channel = await h.Rest.GetChannelAsync(h.Channel);
        Assert.Equal("review", channel.Name);
        Assert.DoesNotContain(h.Logs.Lines, l => l.Contains("refused the bot token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_interaction_token_lifetime_is_fifteen_minutes_by_default()
    {
        await using var h = await DiscordHarness.StartAsync();
        Assert.Equal(TimeSpan.FromMinutes(15), h.Fake.InteractionTokenLifetime);
        h.Fake.InteractionTokenLifetime = TimeSpan.Zero;
        await h.ConnectAsync();
        await h.Fake.DispatchCommandAsync(h.Fake.State.AddMember("ana"), "queue");
        var ev = await h.NextEventAsync<InteractionCreatedEvent>();
        await h.Rest.CreateInteractionResponseAsync(ev.Interaction.Id, ev.Interaction.Token,
            new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource), ev.ReceivedAt);
        var ex = await Assert.ThrowsAsync<DiscordApiException>(() =>
            h.Rest.EditOriginalResponseAsync(ev.Interaction.ApplicationId, ev.Interaction.Token, new MessageEdit("late")));
        Assert.Equal(DiscordApiException.InvalidWebhookToken, ex.Code);
    }

    [Fact]
    public async Task An_archived_thread_refuses_edits_and_reactions_until_unarchived_and_a_post_unarchives_it()
    {
        await using var h = await DiscordHarness.StartAsync();
        var (thread, claim) = await CardWithThreadAsync(h);
        h.Fake.State.ArchiveThread(thread.Id.Value);

        var edit = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.EditMessageAsync(thread.Id, claim.Id, new MessageEdit("claim 1 ✅")));
        Assert.Equal(HttpStatusCode.BadRequest, edit.Status);
        Assert.Equal(DiscordApiException.ArchivedThread, edit.Code);
        Assert.True(edit.IsArchivedThread);
        Assert.False(edit.IsPermanent);
        var react = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.AddOwnReactionAsync(thread.Id, claim.Id, "✅"));
        Assert.True(react.IsArchivedThread);
        Assert.True((await h.Rest.GetChannelAsync(thread.Id)).ThreadMetadata!.Archived);

        var reopened = await h.Rest.UnarchiveThreadAsync(thread.Id);
        Assert.False(reopened.ThreadMetadata!.Archived);
        await h.Rest.EditMessageAsync(thread.Id, claim.Id, new MessageEdit("claim 1 ✅"));
        await h.Rest.AddOwnReactionAsync(thread.Id, claim.Id, "✅");

        h.Fake.State.ArchiveThread(thread.Id.Value);
        await h.Rest.CreateMessageAsync(thread.Id, new MessageCreate("notice"));
        Assert.False(h.Fake.State.Channels[thread.Id.Value].Archived);
    }

    [Fact]
    public async Task A_locked_thread_is_permanent_for_a_bot_without_manage_threads()
    {
        await using var h = await DiscordHarness.StartAsync();
        var (thread, claim) = await CardWithThreadAsync(h);
        h.Fake.State.AddBotMemberAsInvited();
        h.Fake.State.ArchiveThread(thread.Id.Value, locked: true);

        var post = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.CreateMessageAsync(thread.Id, new MessageCreate("notice")));
        Assert.Equal(HttpStatusCode.Forbidden, post.Status);
        Assert.Equal(DiscordApiException.ArchivedThread, post.Code);
        Assert.False(post.IsArchivedThread);
        Assert.True(post.IsPermanent);
        var unarchive = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.UnarchiveThreadAsync(thread.Id));
        Assert.Equal(DiscordApiException.MissingPermissions, unarchive.Code);
        Assert.True(unarchive.IsPermanent);
        var edit = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.EditMessageAsync(thread.Id, claim.Id, new MessageEdit("x")));
        Assert.True(edit.IsPermanent);
        Assert.True(h.Fake.State.Channels[thread.Id.Value].Archived);

        // A moderator who can manage threads reopens it; then the bot may post, edit and react again.
        h.Fake.State.Channels[thread.Id.Value].Archived = false;
        h.Fake.State.Channels[thread.Id.Value].Locked = false;
        await h.Rest.CreateMessageAsync(thread.Id, new MessageCreate("notice"));
        await h.Rest.EditMessageAsync(thread.Id, claim.Id, new MessageEdit("claim 1 ✅"));
        await h.Rest.AddOwnReactionAsync(thread.Id, claim.Id, "✅");
    }

    [Fact]
    public async Task Channel_overwrites_decide_what_the_bot_may_do_and_come_back_on_get_channel()
    {
        await using var h = await DiscordHarness.StartAsync();
        var (thread, _) = await CardWithThreadAsync(h);
        var botRole = h.Fake.State.AddRole("bot", FakePermissions.ViewChannel | FakePermissions.SendMessages | FakePermissions.SendMessagesInThreads
            | FakePermissions.AddReactions | FakePermissions.ReadMessageHistory | FakePermissions.CreatePublicThreads);
        h.Fake.State.AddBotMember(botRole.Id);
        var review = h.Fake.State.Channels[h.Channel];
        review.PermissionOverwrites.Add(new FakeOverwrite(botRole.Id, FakeOverwrite.RoleType, Allow: 0, Deny: FakePermissions.SendMessagesInThreads));

        await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("the channel itself is fine"));
        var denied = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.CreateMessageAsync(thread.Id, new MessageCreate("claim")));
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Equal(DiscordApiException.MissingPermissions, denied.Code);
        Assert.True(denied.IsPermanent);

        var channel = await h.Rest.GetChannelAsync(h.Channel);
        var overwrite = Assert.Single(channel.PermissionOverwrites!);
        Assert.Equal(botRole.Id, overwrite.Id.Value);
        Assert.Equal(PermissionOverwrite.RoleType, overwrite.Type);
        Assert.True(overwrite.Deny.Has(38));

        // A member overwrite that allows it again wins over the role's deny (permissions.mdx order).
        review.PermissionOverwrites.Add(new FakeOverwrite(h.Fake.State.BotUser.Id, FakeOverwrite.MemberType, Allow: FakePermissions.SendMessagesInThreads, Deny: 0));
        await h.Rest.CreateMessageAsync(thread.Id, new MessageCreate("claim"));
    }

    [Fact]
    public async Task Unknown_message_and_unknown_channel_are_permanent_and_server_errors_are_not()
    {
        await using var h = await DiscordHarness.StartAsync();
        var message = await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("card"));
        await h.Rest.DeleteMessageAsync(h.Channel, message.Id);
        var gone = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.EditMessageAsync(h.Channel, message.Id, new MessageEdit("x")));
        Assert.Equal(DiscordApiException.UnknownMessage, gone.Code);
        Assert.True(gone.IsPermanent);
        var noChannel = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.CreateMessageAsync(424242, new MessageCreate("x")));
        Assert.Equal(DiscordApiException.UnknownChannel, noChannel.Code);
        Assert.True(noChannel.IsPermanent);
        Assert.False(new DiscordApiException(HttpStatusCode.BadGateway, null, "gateway unavailable", "GET /x").IsPermanent);
        Assert.False(new DiscordApiException(HttpStatusCode.TooManyRequests, null, "rate limited", "GET /x").IsPermanent);
    }

    [Fact]
    public async Task Enforce_nonce_deduplicates_only_within_its_window()
    {
        await using var h = await DiscordHarness.StartAsync();
        var first = await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("card", Nonce: "card-1"));
        var retried = await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("card", Nonce: "card-1"));
        Assert.Equal(first.Id, retried.Id);

        // Past the window Discord has forgotten the nonce: the same retry posts a second card.
        h.Fake.NonceWindow = TimeSpan.Zero;
        var late = await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("card", Nonce: "card-1"));
        Assert.NotEqual(first.Id, late.Id);
        Assert.Equal(2, h.Fake.State.MessagesIn(h.Channel).Count);
    }

    [Fact]
    public async Task A_create_whose_response_was_lost_is_retried_with_its_nonce_and_returns_the_message_with_its_reactions()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Fake.InjectFault("POST /channels/{channel_id}/messages", FakeFault.ResponseLost());
        var reactor = h.Fake.State.AddMember("ana");
        h.Fake.MessageCreated = message =>
        {
            // Someone reacts before the retry: the message exists from the first attempt on.
            h.Fake.State.AddReaction(message.Id, "✅", reactor.User.Id);
            return Task.CompletedTask;
        };

        var card = await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("card", Nonce: "card-1"));

        Assert.Single(h.Fake.State.MessagesIn(h.Channel));
        Assert.Equal(2, h.Fake.Requests.For("POST /channels/{channel_id}/messages").Count);
        // message.mdx, Create Message: returns a message object, which carries its reactions ("Reaction Object").
        Assert.Equal(1, card.ReactionCount("✅"));
    }

    [Fact]
    public async Task Too_many_edits_to_old_messages_is_30046_and_transient()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Fake.OldMessageEditLimit = 2;
        var fresh = await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("fresh"));
        var old = await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("old"));
        h.Fake.State.Messages[old.Id.Value].MakeOlder(TimeSpan.FromHours(2));

        await h.Rest.EditMessageAsync(h.Channel, old.Id, new MessageEdit("old v2"));
        await h.Rest.EditMessageAsync(h.Channel, old.Id, new MessageEdit("old v3"));
        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.EditMessageAsync(h.Channel, old.Id, new MessageEdit("old v4")));
        Assert.Equal(DiscordApiException.TooManyOldMessageEdits, ex.Code);
        Assert.False(ex.IsPermanent);
        for (var i = 0; i < 5; i++)
        {
            await h.Rest.EditMessageAsync(h.Channel, fresh.Id, new MessageEdit($"fresh v{i}"));
        }
    }

    [Fact]
    public async Task Message_objects_carry_reaction_counts_and_me()
    {
        await using var h = await DiscordHarness.StartAsync();
        var card = await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("card"));
        await h.Rest.AddOwnReactionAsync(h.Channel, card.Id, "✅");
        h.Fake.State.AddReaction(card.Id.Value, "✅", h.Fake.State.AddMember("ana").User.Id);
        h.Fake.State.AddReaction(card.Id.Value, "✅", h.Fake.State.AddMember("ben").User.Id);
        h.Fake.State.AddReaction(card.Id.Value, "approve:777", h.Fake.State.AddMember("cy").User.Id);

        var fetched = await h.Rest.GetMessageAsync(h.Channel, card.Id);
        Assert.Equal(3, fetched.ReactionCount("✅"));
        Assert.Equal(1, fetched.ReactionCount("approve:777"));
        Assert.Equal(0, fetched.ReactionCount("❌"));
        var check = fetched.Reactions!.Single(r => r.Emoji.Name == "✅");
        Assert.True(check.Me);
        Assert.Equal(3, check.CountDetails!.Normal);
        Assert.False(fetched.Reactions!.Single(r => r.Emoji.Id is not null).Me);
    }

    [Fact]
    public async Task A_ban_answers_every_route_with_a_bare_429()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Fake.Ban(TimeSpan.FromMinutes(5));
        using var reply = await RawAsync(h, HttpMethod.Get, $"/channels/{h.Channel}");
        Assert.Equal(HttpStatusCode.TooManyRequests, reply.StatusCode);
        Assert.DoesNotContain(reply.Headers, header => header.Key.StartsWith("X-RateLimit", StringComparison.OrdinalIgnoreCase) || header.Key == "Retry-After");
        Assert.Empty(await reply.Content.ReadAsByteArrayAsync());
        using var other = await RawAsync(h, HttpMethod.Get, $"/guilds/{h.Fake.State.GuildId}/roles");
        Assert.Equal(HttpStatusCode.TooManyRequests, other.StatusCode);
        Assert.Equal(2, h.Fake.BannedRequests);
    }

    [Fact]
    public async Task Invalid_requests_are_counted_and_too_many_earn_a_ban_but_shared_429s_do_not_count()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Fake.InvalidRequestLimit = 4;
        h.Fake.InjectFault("GET /channels/{channel_id}", FakeFault.RateLimited(0.01, shared: true));
        using (await RawAsync(h, HttpMethod.Get, $"/channels/{h.Channel}"))
        {
        }
        Assert.Equal(0, h.Fake.InvalidRequests);

        for (var i = 0; i < 3; i++)
        {
            using var refused = await RawAsync(h, HttpMethod.Get, $"/channels/{h.Channel}", token: "wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        Assert.Equal(3, h.Fake.InvalidRequests);
        Assert.False(h.Fake.IsBanned);
        using (await RawAsync(h, HttpMethod.Get, $"/channels/{h.Channel}", token: "wrong"))
        {
        }
        Assert.True(h.Fake.IsBanned);
        using var banned = await RawAsync(h, HttpMethod.Get, $"/channels/{h.Channel}");
        Assert.Equal(HttpStatusCode.TooManyRequests, banned.StatusCode);
    }

    [Fact]
    public async Task The_global_limit_answers_a_burst_past_fifty_a_second_with_global_429s_but_not_interaction_routes()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Fake.DefaultRateLimit = new RateLimitRule("bucket-default", 1000, TimeSpan.FromSeconds(1));
        var replies = await Task.WhenAll(Enumerable.Range(0, 80).Select(_ => RawAsync(h, HttpMethod.Get, $"/channels/{h.Channel}")));
        var limited = replies.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, r => Assert.Equal("true", r.Headers.GetValues("X-RateLimit-Global").Single()));
        Assert.True(h.Fake.GlobalRateLimitHits >= 30);
        foreach (var reply in replies)
        {
            reply.Dispose();
        }
    }

    [Fact]
    public async Task Default_member_permissions_hide_a_command_from_members_without_them()
    {
        await using var h = await DiscordHarness.StartAsync();
        var manager = h.Fake.State.AddRole("admins", FakePermissions.ManageGuild);
        var boss = h.Fake.State.AddMember("boss", manager.Id);
        var ana = h.Fake.State.AddMember("ana");
        var owner = h.Fake.State.AddMember("owner", h.Fake.State.AddRole("owner", FakePermissions.Administrator).Id);
        await h.Rest.BulkOverwriteGuildCommandsAsync(h.Fake.State.ApplicationId, h.Fake.State.GuildId,
        [
            new ApplicationCommand("sweep", "Sweep now", DefaultMemberPermissions: "32"),
            new ApplicationCommand("lockdown", "Admins only", DefaultMemberPermissions: "0"),
            new ApplicationCommand("queue", "The queue"),
        ]);

        Assert.True(h.Fake.State.CommandVisibleTo(boss, "sweep"));
        Assert.False(h.Fake.State.CommandVisibleTo(ana, "sweep"));
        Assert.True(h.Fake.State.CommandVisibleTo(ana, "queue"));
        Assert.False(h.Fake.State.CommandVisibleTo(boss, "lockdown"));
        Assert.True(h.Fake.State.CommandVisibleTo(owner, "lockdown"));

        using var bad = await RawAsync(h, HttpMethod.Put, $"/applications/{h.Fake.State.ApplicationId}/guilds/{h.Fake.State.GuildId}/commands",
            """[{"name":"x","description":"y","default_member_permissions":32}]""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private static async Task<(Channel Thread, Message Claim)> CardWithThreadAsync(DiscordHarness h)
    {
        var card = await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("card"));
        var thread = await h.Rest.StartThreadFromMessageAsync(h.Channel, card.Id, "Episode 1 claims", 10080);
        Assert.Equal(10080, thread.ThreadMetadata!.AutoArchiveDuration);
        var claim = await h.Rest.CreateMessageAsync(thread.Id, new MessageCreate("claim 1"));
        return (thread, claim);
    }

    private static async Task<HttpResponseMessage> RawAsync(DiscordHarness h, HttpMethod method, string path, string? json = null, string? token = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, h.Fake.ApiBaseUrl + path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bot " + (token ?? h.Fake.Token));
        request.Headers.TryAddWithoutValidation("User-Agent", "DiscordBot (https://example.org, 1)");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
