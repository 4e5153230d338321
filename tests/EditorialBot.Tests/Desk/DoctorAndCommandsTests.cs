using System.Globalization;
using System.Text.Json.Nodes;
using EditorialBot.Bot.Cli;
using EditorialBot.FakeDiscord;
using EditorialBot.Tests.Cli;
using EditorialBot.Tests.Support;

namespace EditorialBot.Tests.Desk;

public sealed class DoctorAndCommandsTests
{
    private const ulong AllTheBotNeeds = (1UL << 6) | (1UL << 10) | (1UL << 11) | (1UL << 14) | (1UL << 16) | (1UL << 35) | (1UL << 38);

    [Fact]
    public async Task Doctor_passes_every_check_against_a_correctly_set_up_server()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        var (code, stdout, _) = await Doctor(fake, botPermissions: AllTheBotNeeds);
        Assert.True(code == ExitCodes.Success, stdout);
        foreach (var check in new[] { "configuration", "content root", "database", "token", "guild", "channel", "roles", "bot member", "permissions" })
        {
            Assert.Contains(stdout.Split('\n'), line => line.StartsWith("ok", StringComparison.Ordinal) && line.Contains(check, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Doctor_names_the_permissions_the_bot_lacks()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        var (code, stdout, _) = await Doctor(fake, botPermissions: AllTheBotNeeds & ~(1UL << 35));
        Assert.Equal(ExitCodes.Failure, code);
        var line = Assert.Single(stdout.Split('\n'), static l => l.Contains("permissions", StringComparison.Ordinal));
        Assert.StartsWith("FAIL", line);
        Assert.Contains("Create Public Threads", line);
    }

    [Fact]
    public async Task Doctor_reads_the_review_channel_overwrites_and_names_what_they_deny()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        var (code, stdout, _) = await Doctor(fake, botPermissions: AllTheBotNeeds, arrange: botRole =>
        {
            // Server level grants everything; a moderator denied thread posts to the bot's role on the review channel.
            fake.State.Channels[fake.State.ReviewChannelId].PermissionOverwrites.Add(
                new FakeOverwrite(botRole.Id, FakeOverwrite.RoleType, Allow: 0, Deny: FakePermissions.SendMessagesInThreads));
            fake.State.Channels[fake.State.ReviewChannelId].PermissionOverwrites.Add(
                new FakeOverwrite(fake.State.BotUser.Id, FakeOverwrite.MemberType, Allow: 0, Deny: FakePermissions.AddReactions));
        });
        Assert.Equal(ExitCodes.Failure, code);
        var line = Assert.Single(stdout.Split('\n'), static l => l.Contains("permissions", StringComparison.Ordinal));
        Assert.StartsWith("FAIL", line);
        Assert.Contains("Send Messages in Threads (denied on #review for role bot)", line);
        Assert.Contains("Add Reactions (denied on #review for the bot itself)", line);
        Assert.DoesNotContain("Create Public Threads", line);
    }

    [Fact]
    public async Task Doctor_accepts_a_channel_overwrite_that_grants_what_the_roles_lack()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        var (code, stdout, _) = await Doctor(fake, botPermissions: AllTheBotNeeds & ~FakePermissions.SendMessagesInThreads, arrange: botRole =>
            fake.State.Channels[fake.State.ReviewChannelId].PermissionOverwrites.Add(
                new FakeOverwrite(botRole.Id, FakeOverwrite.RoleType, Allow: FakePermissions.SendMessagesInThreads, Deny: 0)));
        Assert.True(code == ExitCodes.Success, stdout);
    }

    [Fact]
    public async Task Admin_commands_are_registered_hidden_from_members_without_manage_server()
    {
        await using var desk = await DeskHarness.CreateAsync();
        await desk.StartAsync();
        await DeskHarness.Eventually(() => desk.Fake.State.GuildCommands.Count == 12, "twelve guild commands registered");
        var byName = desk.Fake.State.GuildCommands.ToDictionary(static c => c["name"]!.GetValue<string>());
        foreach (var admin in new[] { "sweep", "publish", "unpublish", "settings", "audit", "deliveries" })
        {
            Assert.Equal("32", byName[admin]["default_member_permissions"]!.GetValue<string>());
            Assert.False(desk.Fake.State.CommandVisibleTo(desk.Ana, admin));
        }
        foreach (var editor in new[] { "approve", "claim", "clear-changes", "episode", "queue", "request-changes" })
        {
            Assert.Null(byName[editor]["default_member_permissions"]);
            Assert.True(desk.Fake.State.CommandVisibleTo(desk.Ana, editor));
        }
        var manager = desk.Fake.State.AddMember("manager", desk.Fake.State.AddRole("managers", FakePermissions.ManageGuild).Id);
        Assert.True(desk.Fake.State.CommandVisibleTo(manager, "sweep"));
        // Seeing the command is not enough: a Manage Server member without the bot's admin role is still refused.
        var refused = await desk.Fake.WaitForCallbackAsync(await desk.Fake.DispatchCommandAsync(manager, "sweep"));
        Assert.Contains("Only", refused["data"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Slash_commands_are_registered_and_episodes_autocomplete_by_title()
    {
        await using var desk = await DeskHarness.CreateAsync();
        desk.WriteNote("ev.md", Notes.Draft(title: "电动车出海：数字背后的真相"));
        desk.WriteNote("chips.md", Notes.Draft(title: "芯片出口管制的新一轮升级"));
        await desk.StartAsync();
        await DeskHarness.Eventually(() => desk.Fake.State.GuildCommands.Count == 12, "twelve guild commands registered");
        Assert.Equal(
            ["approve", "audit", "claim", "clear-changes", "deliveries", "episode", "publish", "queue", "request-changes", "settings", "sweep", "unpublish"],
            desk.Fake.State.GuildCommands.Select(static c => c["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        await DeskHarness.Eventually(() => desk.Cards().Count == 2, "two cards");

        var typed = new JsonArray { new JsonObject { ["name"] = "episode", ["type"] = 3, ["value"] = "芯片", ["focused"] = true } };
        var answer = await desk.Fake.WaitForCallbackAsync(await desk.Fake.DispatchAutocompleteAsync(desk.Ana, "approve", typed));
        Assert.Equal(8, answer["type"]!.GetValue<int>());
        var choice = Assert.Single(answer["data"]!["choices"]!.AsArray());
        Assert.Equal("芯片出口管制的新一轮升级", choice!["name"]!.GetValue<string>());

        // Admin commands are refused to editors on our side, whatever Discord shows them.
        var refused = await desk.Fake.WaitForCallbackAsync(await desk.Fake.DispatchCommandAsync(desk.Ana, "sweep"));
        Assert.Contains("Only the bot's admins", refused["data"]!["content"]!.GetValue<string>());
        var (queue, text) = await desk.CommandAsync(desk.Ana, "queue");
        Assert.Equal(64, queue["data"]?["flags"]?.GetValue<int>());
        Assert.Contains("芯片出口管制的新一轮升级", text);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Doctor(FakeDiscordServer fake, ulong botPermissions, Action<FakeRole>? arrange = null)
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("content"));
        var botRole = fake.State.AddRole("bot", botPermissions);
        var editor = fake.State.AddRole("editor");
        fake.State.Members[fake.State.BotUser.Id] = new FakeMember(fake.State.BotUser, [botRole.Id]);
        arrange?.Invoke(botRole);
        string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);
        return await CommandLineTests.Run("doctor",
            $"--Content:Root={folder.File("content")}",
            $"--Storage:Database={folder.File("data/editorial.db")}",
            $"--Discord:Token={fake.Token}",
            $"--Discord:ApiBaseUrl={fake.ApiBaseUrl}",
            $"--Discord:GuildId={Id(fake.State.GuildId)}",
            $"--Discord:ReviewChannelId={Id(fake.State.ReviewChannelId)}",
            $"--Discord:EditorRoleIds:0={Id(editor.Id)}");
    }
}
