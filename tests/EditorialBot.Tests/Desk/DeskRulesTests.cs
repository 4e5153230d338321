using System.Numerics;
using EditorialBot.Bot.Cli;
using EditorialBot.Bot.Desk;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Workflow.Review;

namespace EditorialBot.Tests.Desk;

public sealed class DeskRulesTests
{
    [Fact]
    public void Custom_ids_round_trip_and_reject_foreign_ones()
    {
        var id = Guid.NewGuid();
        Assert.True(DeskIds.TryParse(DeskIds.For(DeskIds.Approve, id), out var action, out var parsed));
        Assert.Equal((DeskIds.Approve, id), (action, parsed));
        Assert.False(DeskIds.TryParse("approve", out _, out _));
        Assert.False(DeskIds.TryParse("approve:not-a-guid", out _, out _));
        Assert.False(DeskIds.TryParse(null, out _, out _));
        Assert.True(DeskIds.For(DeskIds.ChangesModal, id).Length <= 100);
    }

    [Fact]
    public void Roles_decide_who_may_review_and_administer()
    {
        var options = new DiscordOptions { EditorRoleIds = [10], AdminRoleIds = [20] };
        GuildMember Member(params ulong[] roles) => new(new User(1, "u"), null, [.. roles.Select(static r => (Snowflake)r)], null);

        Assert.Equal((true, false), Flags(DeskMembers.Reviewer(options, 1, Member(10))));
        Assert.Equal((true, true), Flags(DeskMembers.Reviewer(options, 1, Member(20))));
        Assert.Equal((false, false), Flags(DeskMembers.Reviewer(options, 1, Member(30))));
        Assert.Equal((false, false), Flags(DeskMembers.Reviewer(options, 1, null)));

        Assert.Null(InteractionDispatcher.Refusal(DeskMembers.Reviewer(options, 1, Member(10)), adminOnly: false));
        Assert.Contains("admins", InteractionDispatcher.Refusal(DeskMembers.Reviewer(options, 1, Member(10)), adminOnly: true));
        Assert.Contains("editors", InteractionDispatcher.Refusal(DeskMembers.Reviewer(options, 1, Member()), adminOnly: false));
        Assert.Null(InteractionDispatcher.Refusal(DeskMembers.Reviewer(options, 1, Member(20)), adminOnly: true));

        static (bool, bool) Flags(Reviewer r) => (r.MayReview, r.IsAdmin);
    }

    [Fact]
    public void The_invite_asks_for_exactly_the_permissions_the_desk_uses()
    {
        // View Channel, Send Messages, Embed Links, Add Reactions, Read Message History, Create Public Threads, Send Messages in Threads.
        var expected = (BigInteger.One << 10) | (BigInteger.One << 11) | (BigInteger.One << 14) | (BigInteger.One << 6)
            | (BigInteger.One << 16) | (BigInteger.One << 35) | (BigInteger.One << 38);
        Assert.Equal(expected, InviteUrlCommand.PermissionBits);
        Assert.Equal($"https://discord.com/oauth2/authorize?client_id=42&scope=bot%20applications.commands&permissions={expected}", InviteUrlCommand.Url(42));
    }

    [Fact]
    public void Missing_Discord_settings_are_named_with_how_to_set_them()
    {
        var problems = new DiscordOptions().MissingForDesk().ToList();
        Assert.Contains(problems, static p => p.StartsWith("Discord:Token", StringComparison.Ordinal) && p.Contains("Discord__Token", StringComparison.Ordinal));
        Assert.Contains(problems, static p => p.StartsWith("Discord:GuildId", StringComparison.Ordinal));
        Assert.Contains(problems, static p => p.StartsWith("Discord:ReviewChannelId", StringComparison.Ordinal));
        Assert.Contains(problems, static p => p.StartsWith("Discord:EditorRoleIds", StringComparison.Ordinal));
        var ready = new DiscordOptions { Token = "t", GuildId = 1, ReviewChannelId = 2, EditorRoleIds = [3] };
        Assert.Empty(ready.MissingForDesk());
        Assert.Empty(ready.Problems());
    }

    [Fact]
    public async Task Run_without_a_token_says_what_to_configure_and_exits_2()
    {
        var (code, _, stderr) = await Cli.CommandLineTests.Run("run", "--Discord:Token=", "--Storage:Database=/nonexistent/never-created.db");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("Discord__Token", stderr);
        Assert.Contains("Discord:GuildId", stderr);
    }
}
