using System.Diagnostics;
using System.Text.Json.Nodes;

namespace EditorialBot.FakeDiscord;

/// <summary>Helpers that make "a user did X in Discord" one call: they update the state and send the gateway dispatch.</summary>
public sealed partial class FakeDiscordServer
{
    public Task<FakeInteraction> DispatchCommandAsync(FakeMember member, string name, JsonArray? options = null) =>
        DispatchInteractionAsync(member, 2, new JsonObject { ["id"] = FakeState.Id(State.NewId()), ["name"] = name, ["type"] = 1, ["options"] = options ?? [] });

    /// <summary>Mark the option being typed with "focused": true.</summary>
    public Task<FakeInteraction> DispatchAutocompleteAsync(FakeMember member, string name, JsonArray options) =>
        DispatchInteractionAsync(member, 4, new JsonObject { ["id"] = FakeState.Id(State.NewId()), ["name"] = name, ["type"] = 1, ["options"] = options });

    public Task<FakeInteraction> DispatchButtonAsync(FakeMember member, ulong messageId, string customId)
    {
        var message = State.Messages[messageId];
        return DispatchInteractionAsync(member, 3, new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 }, message);
    }

    /// <summary>A modal submit whose text inputs (custom_id → value) arrive wrapped in labels, as Discord sends them.</summary>
    public Task<FakeInteraction> DispatchModalSubmitAsync(FakeMember member, string customId, IReadOnlyDictionary<string, string> values)
    {
        var components = new JsonArray();
        foreach (var (id, value) in values)
        {
            components.Add(new JsonObject
            {
                ["type"] = 18,
                ["component"] = new JsonObject { ["type"] = 4, ["custom_id"] = id, ["value"] = value },
            });
        }
        return DispatchInteractionAsync(member, 5, new JsonObject { ["custom_id"] = customId, ["components"] = components });
    }

    /// <summary><paramref name="emoji"/>: Unicode text ("✅") or a custom emoji as name:id.</summary>
    public Task<int> DispatchReactionAddAsync(FakeMember member, ulong messageId, string emoji)
    {
        var message = State.Messages[messageId];
        State.AddReaction(messageId, emoji, member.User.Id);
        return Gateway.DispatchAsync("MESSAGE_REACTION_ADD", new JsonObject
        {
            ["user_id"] = FakeState.Id(member.User.Id),
            ["channel_id"] = FakeState.Id(message.ChannelId),
            ["message_id"] = FakeState.Id(messageId),
            ["guild_id"] = FakeState.Id(State.GuildId),
            ["member"] = member.ToJson(),
            ["emoji"] = EmojiJson(emoji),
            ["message_author_id"] = FakeState.Id(message.Author.Id),
            ["burst"] = false,
            ["burst_colors"] = new JsonArray(),
            ["type"] = 0,
        });
    }

    public Task<int> DispatchReactionRemoveAsync(ulong userId, ulong messageId, string emoji)
    {
        var message = State.Messages[messageId];
        State.RemoveReaction(messageId, emoji, userId);
        return Gateway.DispatchAsync("MESSAGE_REACTION_REMOVE", new JsonObject
        {
            ["user_id"] = FakeState.Id(userId),
            ["channel_id"] = FakeState.Id(message.ChannelId),
            ["message_id"] = FakeState.Id(messageId),
            ["guild_id"] = FakeState.Id(State.GuildId),
            ["emoji"] = EmojiJson(emoji),
            ["burst"] = false,
            ["type"] = 0,
        });
    }

    public Task<int> DispatchGuildCreateAsync() =>
        Gateway.DispatchAsync("GUILD_CREATE", new JsonObject
        {
            ["id"] = FakeState.Id(State.GuildId),
            ["name"] = "Editorial",
            ["roles"] = new JsonArray([.. State.Roles.Values.Select(r => (JsonNode)r.ToJson())]),
            ["channels"] = new JsonArray([.. State.Channels.Values.Where(c => c.Type != 11).Select(c => (JsonNode)c.ToJson())]),
            ["unavailable"] = false,
        });

    /// <summary>Waits for the interaction's initial callback and returns its body ({type, data}).</summary>
    public async Task<JsonObject> WaitForCallbackAsync(FakeInteraction interaction, TimeSpan? timeout = null)
    {
        var prefix = $"/interactions/{FakeState.Id(interaction.Id)}/";
        await Requests.WaitForAsync(r => r.Path.StartsWith(prefix, StringComparison.Ordinal) && r.Status < 300, timeout).ConfigureAwait(false);
        lock (interaction.Callbacks)
        {
            return interaction.Callbacks[0];
        }
    }

    private async Task<FakeInteraction> DispatchInteractionAsync(FakeMember member, int type, JsonObject data, FakeMessage? message = null)
    {
        var id = State.NewId();
        var interaction = new FakeInteraction(id, $"token-{id}", type, Stopwatch.GetTimestamp()) { SourceMessageId = message?.Id };
        State.Interactions[id] = interaction;
        var permissions = member.Roles.Aggregate(0UL, (acc, roleId) => acc | (State.Roles.TryGetValue(roleId, out var role) ? role.Permissions : 0));
        var json = new JsonObject
        {
            ["id"] = FakeState.Id(id),
            ["application_id"] = FakeState.Id(State.ApplicationId),
            ["type"] = type,
            ["data"] = data,
            ["guild_id"] = FakeState.Id(State.GuildId),
            ["channel_id"] = FakeState.Id(message?.ChannelId ?? State.ReviewChannelId),
            ["member"] = member.ToJson(permissions),
            ["token"] = interaction.Token,
            ["version"] = 1,
            ["app_permissions"] = "442368",
            ["locale"] = "en-US",
        };
        if (message is not null)
        {
            json["message"] = MessageJson(message);
        }
        await Gateway.DispatchAsync("INTERACTION_CREATE", json).ConfigureAwait(false);
        return interaction;
    }

    private static JsonObject EmojiJson(string emoji) => FakeState.EmojiJson(emoji);
}
