using System.Numerics;
using System.Text.Json;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Gateway;
using EditorialBot.Bot.Discord.Models;
using Microsoft.Extensions.Time.Testing;

namespace EditorialBot.Tests.Discord;

public sealed class DiscordWireTests
{
    private static readonly DiscordJsonContext s_json = DiscordJsonContext.Default;

    [Fact]
    public void Snowflakes_are_read_from_strings_and_numbers_and_written_as_strings()
    {
        Assert.Equal(175928847299117063UL, JsonSerializer.Deserialize("\"175928847299117063\"", s_json.Snowflake).Value);
        Assert.Equal(42UL, JsonSerializer.Deserialize("42", s_json.Snowflake).Value);
        Assert.Equal(ulong.MaxValue, JsonSerializer.Deserialize("\"18446744073709551615\"", s_json.Snowflake).Value);
        Assert.Equal("\"175928847299117063\"", JsonSerializer.Serialize(new Snowflake(175928847299117063), s_json.Snowflake));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("\"-1\"", s_json.Snowflake));
        Assert.Equal(new DateTimeOffset(2016, 4, 30, 11, 18, 25, 796, TimeSpan.Zero), new Snowflake(175928847299117063).CreatedAt);
    }

    [Fact]
    public void Permission_sets_keep_bits_beyond_two_to_the_53()
    {
        var big = (BigInteger.One << 60) | 8;
        var parsed = JsonSerializer.Deserialize($"\"{big}\"", s_json.PermissionSet);
        Assert.True(parsed.Has(60));
        Assert.True(parsed.Has(PermissionSet.Administrator));
        Assert.False(parsed.Has(PermissionSet.ManageMessages));
        Assert.Equal($"\"{big}\"", JsonSerializer.Serialize(parsed, s_json.PermissionSet));
        Assert.Throws<FormatException>(() => PermissionSet.Parse("12a"));
    }

    [Fact]
    public void A_command_interaction_payload_is_read()
    {
        const string payload = """
            {"id":"1300000000000000101","application_id":"1300000000000000001","type":2,
             "data":{"id":"1300000000000000200","name":"review","type":1,
                     "options":[{"name":"draft","type":3,"value":"ep-12"},{"name":"count","type":4,"value":3}]},
             "guild_id":"1300000000000000002","channel_id":"1300000000000000003",
             "member":{"user":{"id":"1300000000000000050","username":"ana"},"roles":["1300000000000000060"],
                       "joined_at":"2026-01-01T00:00:00.000000+00:00","permissions":"2251799813685247","deaf":false,"mute":false},
             "token":"tok","version":1,"app_permissions":"442368","locale":"en-US","entitlements":[],"unknown_field":{"x":1}}
            """;
        var interaction = JsonSerializer.Deserialize(payload, s_json.Interaction)!;
        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal("review", interaction.Data!.Name);
        Assert.Equal("ep-12", interaction.Data.Options![0].Value!.Value.GetString());
        Assert.Equal(3, interaction.Data.Options[1].Value!.Value.GetInt32());
        Assert.Equal(1300000000000000050UL, interaction.Actor!.Id.Value);
        Assert.Equal([new Snowflake(1300000000000000060)], interaction.Member!.Roles);
        Assert.True(interaction.Member.Permissions!.Value.Has(50));
    }

    [Fact]
    public void A_reaction_event_with_a_custom_emoji_without_name_is_read()
    {
        const string payload = """
            {"user_id":"5","channel_id":"6","message_id":"7","guild_id":"8","emoji":{"id":"9","name":null},
             "burst":false,"burst_colors":[],"type":0}
            """;
        var reaction = JsonSerializer.Deserialize(payload, s_json.MessageReactionAdd)!;
        Assert.Equal(9UL, reaction.Emoji.Id!.Value.Value);
        Assert.Null(reaction.Emoji.Name);
        Assert.Null(reaction.Member);
    }

    [Fact]
    public void Outgoing_bodies_use_snake_case_and_omit_absent_fields()
    {
        var body = new MessageCreate("hi", Components: [Component.ActionRow(Component.Button(ButtonStyle.Primary, "Go", "go:1"))], AllowedMentions: AllowedMentions.None);
        Assert.Equal(
            """{"content":"hi","components":[{"type":1,"components":[{"type":2,"style":1,"label":"Go","custom_id":"go:1"}]}],"allowed_mentions":{"parse":[]}}""",
            JsonSerializer.Serialize(body, s_json.MessageCreate));
        var label = Component.LabelFor("Reason", Component.TextInput("r", paragraph: true));
        Assert.Contains("\"component\":{\"type\":4", JsonSerializer.Serialize(label, s_json.Component), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4004, "Fatal")]
    [InlineData(4010, "Fatal")]
    [InlineData(4011, "Fatal")]
    [InlineData(4012, "Fatal")]
    [InlineData(4013, "Fatal")]
    [InlineData(4014, "Fatal")]
    [InlineData(4007, "NewSession")]
    [InlineData(4009, "NewSession")]
    [InlineData(4000, "Resume")]
    [InlineData(4008, "Resume")]
    [InlineData(1001, "NewSession")]
    public void Close_codes_map_to_the_documented_action(int code, string expected) =>
        Assert.Equal(expected, GatewayCloseCodes.ActionFor(code).ToString());

    [Fact]
    public void Gateway_send_budget_reserves_room_for_heartbeats()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var budget = new GatewaySendBudget(clock);
        for (var i = 0; i < GatewaySendBudget.OrdinaryLimit; i++)
        {
            Assert.True(budget.TryTake(privileged: false, out _));
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }
        Assert.False(budget.TryTake(privileged: false, out var wait));
        Assert.True(wait > TimeSpan.Zero && wait <= GatewaySendBudget.Window);
        for (var i = GatewaySendBudget.OrdinaryLimit; i < GatewaySendBudget.HardLimit; i++)
        {
            Assert.True(budget.TryTake(privileged: true, out _));
        }
        Assert.False(budget.TryTake(privileged: true, out _));

        clock.Advance(wait);
        Assert.True(budget.TryTake(privileged: true, out _));
    }
}
