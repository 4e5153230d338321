using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.FakeDiscord;

namespace EditorialBot.Tests.Discord;

public sealed class DiscordRestClientTests
{
    private const string PostMessage = "POST /channels/{channel_id}/messages";
    private const string GetChannel = "GET /channels/{channel_id}";

    [Fact]
    public async Task Messages_mention_nobody_unless_the_caller_names_someone()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("@everyone <@123> <@&456> look"));
        await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("<@5> please review", AllowedMentions: AllowedMentions.Only(users: [5])));

        var posts = h.Fake.Requests.For(PostMessage);
        Assert.Equal("""{"parse":[]}""", posts[0].Json!["allowed_mentions"]!.ToJsonString());
        Assert.Equal("""{"parse":[],"users":["5"]}""", posts[1].Json!["allowed_mentions"]!.ToJsonString());
        Assert.Equal("Bot " + h.Fake.Token, posts[0].Authorization);
        Assert.StartsWith("DiscordBot (", posts[0].UserAgent);
    }

    [Fact]
    public async Task Edits_always_send_allowed_mentions()
    {
        await using var h = await DiscordHarness.StartAsync();
        var message = await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("draft"));
        var edited = await h.Rest.EditMessageAsync(h.Channel, message.Id, new MessageEdit("@here updated"));
        Assert.Equal("@here updated", edited.Content);
        var patch = await h.Fake.Requests.WaitForAsync("PATCH /channels/{channel_id}/messages/{message_id}");
        Assert.Equal("""{"parse":[]}""", patch.Json!["allowed_mentions"]!.ToJsonString());
        Assert.Equal(2, h.Fake.State.Messages[message.Id.Value].Versions.Count);
    }

    [Fact]
    public async Task Message_with_embed_and_buttons_round_trips()
    {
        await using var h = await DiscordHarness.StartAsync();
        var sent = await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate(
            Embeds: [new Embed("Episode 12", "Summary", Color: 0x3366CC, Fields: [new EmbedField("Claim 1", "GDP grew 5 %", Inline: false)], Footer: new EmbedFooter("draft"))],
            Components: [Component.ActionRow(Component.Button(ButtonStyle.Success, "Approve", "approve:12:1"), Component.Button(ButtonStyle.Danger, "Request changes", "changes:12:1"))]));

        var stored = h.Fake.State.Messages[sent.Id.Value];
        Assert.Equal("Episode 12", stored.Embeds[0]!["title"]!.GetValue<string>());
        Assert.Equal("approve:12:1", stored.Components[0]!["components"]![0]!["custom_id"]!.GetValue<string>());
        var fetched = await h.Rest.GetMessageAsync(h.Channel, sent.Id);
        Assert.Equal("GDP grew 5 %", fetched.Embeds![0].Fields![0].Value);
        Assert.Equal("changes:12:1", fetched.Components![0].Components![1].CustomId);

        await h.Rest.DeleteMessageAsync(h.Channel, sent.Id);
        var gone = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.GetMessageAsync(h.Channel, sent.Id));
        Assert.Equal(10008, gone.Code);
    }

    [Fact]
    public async Task Limits_are_counted_in_code_points_and_checked_before_sending()
    {
        await using var h = await DiscordHarness.StartAsync();
        var tooLong = new string('a', 2001);
        var ex = await Assert.ThrowsAsync<DiscordLimitException>(() => h.Rest.CreateMessageAsync(h.Channel, new MessageCreate(tooLong)));
        Assert.Equal("content", ex.Field);

        // 2000 emoji are 4000 UTF-16 units but 2000 code points: allowed, and the fake (counting like Discord) agrees.
        var emoji = string.Concat(Enumerable.Repeat("😀", 2000));
        await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate(emoji));
        Assert.Single(h.Fake.Requests.All);
    }

    public static TheoryData<string> OverLimitCases() =>
    [
        "title", "description", "fields", "field value", "footer", "author", "total", "embeds",
        "rows", "buttons", "custom_id", "label", "duplicate custom_id", "mentions",
    ];

    [Theory]
    [MemberData(nameof(OverLimitCases))]
    public async Task Over_limit_messages_never_reach_discord(string which)
    {
        await using var h = await DiscordHarness.StartAsync();
        var button = Component.Button(ButtonStyle.Primary, "ok", "a");
        var message = which switch
        {
            "title" => new MessageCreate(Embeds: [new Embed(new string('t', 257))]),
            "description" => new MessageCreate(Embeds: [new Embed(Description: new string('d', 4097))]),
            "fields" => new MessageCreate(Embeds: [new Embed("x", Fields: [.. Enumerable.Range(0, 26).Select(i => new EmbedField($"f{i}", "v"))])]),
            "field value" => new MessageCreate(Embeds: [new Embed("x", Fields: [new EmbedField("f", new string('v', 1025))])]),
            "footer" => new MessageCreate(Embeds: [new Embed("x", Footer: new EmbedFooter(new string('f', 2049)))]),
            "author" => new MessageCreate(Embeds: [new Embed("x", Author: new EmbedAuthor(new string('a', 257)))]),
            "total" => new MessageCreate(Embeds: [new Embed(Description: new string('d', 4000)), new Embed(Description: new string('d', 2001))]),
            "embeds" => new MessageCreate(Embeds: [.. Enumerable.Range(0, 11).Select(i => new Embed($"e{i}"))]),
            "rows" => new MessageCreate("x", Components: [.. Enumerable.Range(0, 6).Select(i => Component.ActionRow(Component.Button(ButtonStyle.Primary, "b", $"r{i}")))]),
            "buttons" => new MessageCreate("x", Components: [Component.ActionRow([.. Enumerable.Range(0, 6).Select(i => Component.Button(ButtonStyle.Primary, "b", $"b{i}"))])]),
            "custom_id" => new MessageCreate("x", Components: [Component.ActionRow(Component.Button(ButtonStyle.Primary, "b", new string('c', 101)))]),
            "label" => new MessageCreate("x", Components: [Component.ActionRow(Component.Button(ButtonStyle.Primary, new string('l', 81), "c"))]),
            "duplicate custom_id" => new MessageCreate("x", Components: [Component.ActionRow(button, button)]),
            "mentions" => new MessageCreate("x", AllowedMentions: AllowedMentions.Only(users: [.. Enumerable.Range(1, 101).Select(i => (Snowflake)(ulong)i)])),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };
        await Assert.ThrowsAsync<DiscordLimitException>(() => h.Rest.CreateMessageAsync(h.Channel, message));
        Assert.Empty(h.Fake.Requests.All);
    }

    [Fact]
    public async Task Fake_discord_rejects_over_limit_bodies_with_50035()
    {
        await using var h = await DiscordHarness.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{h.Fake.ApiBaseUrl}/channels/{h.Channel}/messages")
        {
            Content = new StringContent(new JsonObject { ["content"] = new string('a', 2001) }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bot " + h.Fake.Token);
        request.Headers.TryAddWithoutValidation("User-Agent", "DiscordBot (https://example.org, 1)");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(50035, body["code"]!.GetValue<int>());
        Assert.NotNull(body["errors"]!["content"]!["_errors"]);
    }

    [Fact]
    public async Task Thread_names_and_modals_are_checked_before_sending()
    {
        await using var h = await DiscordHarness.StartAsync();
        var message = await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("card"));
        await Assert.ThrowsAsync<DiscordLimitException>(() => h.Rest.StartThreadFromMessageAsync(h.Channel, message.Id, new string('n', 101)));
        await Assert.ThrowsAsync<DiscordLimitException>(() => h.Rest.StartThreadFromMessageAsync(h.Channel, message.Id, ""));
        Assert.Throws<DiscordLimitException>(() => DiscordLimits.ValidateModal(new Modal("m", new string('t', 46), [Component.LabelFor("Reason", Component.TextInput("r", true))])));
        Assert.Throws<DiscordLimitException>(() => DiscordLimits.ValidateModal(new Modal("m", "Title", [])));
        Assert.Single(h.Fake.Requests.All);

        var thread = await h.Rest.StartThreadFromMessageAsync(h.Channel, message.Id, "Episode 12 discussion", 1440);
        Assert.Equal(message.Id, thread.Id);
        Assert.Equal(11, thread.Type);
        var again = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.StartThreadFromMessageAsync(h.Channel, message.Id, "again"));
        Assert.Equal(160004, again.Code);
    }

    [Fact]
    public async Task Concurrent_posts_wait_for_the_bucket_and_never_hit_an_exhausted_one()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Fake.SetRateLimit(PostMessage, new RateLimitRule("posts", 2, TimeSpan.FromMilliseconds(400)));

        var posts = Enumerable.Range(0, 7).Select(i => h.Rest.CreateMessageAsync(h.Channel, new MessageCreate($"m{i}"))).ToArray();
        await Task.WhenAll(posts);

        Assert.Equal(7, h.Fake.State.MessagesIn(h.Channel).Count);
        Assert.Equal(0, h.Fake.RequestsIntoExhaustedBuckets);
        Assert.Equal(7, h.Fake.Requests.For(PostMessage).Count);
    }

    [Fact]
    public async Task Buckets_are_per_channel()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Fake.SetRateLimit(PostMessage, new RateLimitRule("posts", 1, TimeSpan.FromSeconds(30)));
        var other = h.Fake.State.AddChannel("other").Id;
        await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("a"));
        // Same bucket hash, different major parameter: not blocked by the first channel's exhausted bucket.
        await h.Rest.CreateMessageAsync(other, new MessageCreate("b")).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, h.Fake.RequestsIntoExhaustedBuckets);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_429_is_waited_out_and_nothing_is_sent_into_the_blocked_bucket(bool withBody)
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("learn the bucket"));
        h.Fake.InjectFault(PostMessage, FakeFault.RateLimited(0.3, withBody: withBody));

        var first = h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("one"));
        await h.Logs.WaitForAsync("Rate limited on POST");
        var second = h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("two"));
        await Task.WhenAll(first, second);

        var posts = h.Fake.Requests.For(PostMessage);
        Assert.Equal(4, posts.Count);
        Assert.Equal(1, h.Fake.InjectedRateLimits);
        Assert.Equal(0, h.Fake.RequestsIntoExhaustedBuckets);
        var limited = posts.Single(p => p.Status == 429);
        Assert.All(posts.Where(p => p.Number > limited.Number), p => Assert.True(p.ElapsedSince(limited) >= TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task A_global_429_pauses_every_route()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Fake.InjectFault(GetChannel, FakeFault.RateLimited(0.3, global: true));

        var channel = h.Rest.GetChannelAsync(h.Channel);
        await h.Logs.WaitForAsync("Rate limited on GET");
        var limited = await h.Fake.Requests.WaitForAsync(r => r.Status == 429);
        var roles = h.Rest.GetGuildRolesAsync(h.Fake.State.GuildId);
        await Task.WhenAll(channel, roles);

        Assert.Equal(0, h.Fake.RequestsIntoExhaustedBuckets);
        var rolesRequest = h.Fake.Requests.For("GET /guilds/{guild_id}/roles").Single();
        Assert.True(rolesRequest.ElapsedSince(limited) >= TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Server_errors_and_timeouts_are_retried()
    {
        await using var h = await DiscordHarness.StartAsync(o => o.RequestTimeout = TimeSpan.FromMilliseconds(500));
        h.Fake.InjectFault(GetChannel, FakeFault.ServerError(502), times: 2);
        h.Fake.InjectFault(GetChannel, FakeFault.Hang(TimeSpan.FromSeconds(5)));

        var channel = await h.Rest.GetChannelAsync(h.Channel);
        Assert.Equal("review", channel.Name);
        Assert.Equal(4, h.Fake.Requests.For(GetChannel).Count);
    }

    [Theory]
    [InlineData(400, 50035)]
    [InlineData(403, 50013)]
    [InlineData(404, 10003)]
    public async Task Client_errors_are_not_retried(int status, int code)
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Fake.InjectFault(GetChannel, FakeFault.ServerError(status, code, "refused"));
        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.GetChannelAsync(h.Channel));
        Assert.Equal(status, (int)ex.Status);
        Assert.Equal(code, ex.Code);
        Assert.Equal("refused", ex.DiscordMessage);
        Assert.Single(h.Fake.Requests.For(GetChannel));
    }

    [Fact]
    public async Task A_401_stops_every_further_request()
    {
        await using var h = await DiscordHarness.StartAsync(o => o.Token = "wrong");
        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.GetChannelAsync(h.Channel));
        Assert.Equal(HttpStatusCode.Unauthorized, ex.Status);
        await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("x")));
        Assert.Single(h.Fake.Requests.All);
    }

    [Fact]
    public async Task Reactions_are_encoded_and_listed_across_pages()
    {
        await using var h = await DiscordHarness.StartAsync();
        var message = await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("card"));
        await h.Rest.AddOwnReactionAsync(h.Channel, message.Id, "✅");
        Assert.Contains(h.Fake.State.BotUser.Id, h.Fake.State.ReactionUsers(message.Id.Value, "✅"));
        Assert.Contains("%E2%9C%85", h.Fake.Requests.All.Last().Path, StringComparison.Ordinal);

        for (var i = 0; i < 149; i++)
        {
            h.Fake.State.AddReaction(message.Id.Value, "✅", h.Fake.State.AddMember($"u{i}").User.Id);
        }
        var users = await h.Rest.GetReactionsAsync(h.Channel, message.Id, "✅");
        Assert.Equal(150, users.Count);
        Assert.Equal(150, users.Select(u => u.Id).Distinct().Count());
        Assert.Equal(2, h.Fake.Requests.For("GET /channels/{channel_id}/messages/{message_id}/reactions/{emoji}").Count);
    }

    [Fact]
    public async Task Guild_lookups_and_command_registration_work()
    {
        await using var h = await DiscordHarness.StartAsync();
        var editor = h.Fake.State.AddRole("Editor", permissions: 1UL << 50 | 1UL << 3);
        var member = h.Fake.State.AddMember("ana", editor.Id);

        var fetched = await h.Rest.GetGuildMemberAsync(h.Fake.State.GuildId, member.User.Id);
        Assert.Equal([new Snowflake(editor.Id)], fetched.Roles);
        var roles = await h.Rest.GetGuildRolesAsync(h.Fake.State.GuildId);
        Assert.True(roles.Single().Permissions.Has(50));
        Assert.True(roles.Single().Permissions.Has(PermissionSet.Administrator));
        var unknown = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.GetGuildMemberAsync(h.Fake.State.GuildId, 42));
        Assert.Equal(10007, unknown.Code);

        var me = await h.Rest.GetCurrentUserAsync();
        var app = await h.Rest.GetCurrentApplicationAsync();
        var commands = await h.Rest.BulkOverwriteGuildCommandsAsync(app.Id, h.Fake.State.GuildId,
        [
            new ApplicationCommand("review", "Show the review queue",
                [new ApplicationCommandOption(3, "draft", "Draft to show", Required: true, Autocomplete: true)]),
        ]);
        Assert.Equal(h.Fake.State.BotUser.Id, me.Id.Value);
        Assert.NotNull(Assert.Single(commands).Id);
        Assert.Equal("review", h.Fake.State.GuildCommands.Single()["name"]!.GetValue<string>());
    }
}
