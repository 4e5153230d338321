using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace EditorialBot.FakeDiscord;

public sealed partial class FakeDiscordServer
{
    private readonly ConcurrentNonces _nonces = new();

    private List<Route> BuildRoutes() =>
    [
        new("GET", "/gateway/bot", _ => Reply.Json(new JsonObject
        {
            ["url"] = $"ws://{BaseAddress.Authority}/gateway",
            ["shards"] = 1,
            ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = SessionStartRemaining, ["reset_after"] = SessionStartResetAfterMs, ["max_concurrency"] = 1 },
        })),
        new("GET", "/users/@me", _ => Reply.Json(State.BotUser.ToJson())),
        new("GET", "/applications/@me", _ => Reply.Json(new JsonObject { ["id"] = FakeState.Id(State.ApplicationId), ["name"] = "EditorialBot" })),
        new("GET", "/channels/{channel_id}", r => State.Channels.TryGetValue(r.Id("channel_id"), out var ch) ? Reply.Json(ch.ToJson()) : Reply.Error(404, 10003, "Unknown Channel")),
        new("POST", "/channels/{channel_id}/messages", CreateMessage),
        new("GET", "/channels/{channel_id}/messages/{message_id}", r => WithMessage(r, m => Reply.Json(m.ToJson()))),
        new("PATCH", "/channels/{channel_id}/messages/{message_id}", r => WithMessage(r, m =>
        {
            if (FakeLimits.ValidateMessage(r.Body ?? [], requireSomething: false) is { } error)
            {
                return Reply.Json(error, 400);
            }
            m.Edit(r.Body ?? []);
            return Reply.Json(m.ToJson());
        })),
        new("DELETE", "/channels/{channel_id}/messages/{message_id}", r => WithMessage(r, m =>
        {
            m.Deleted = true;
            return Reply.NoContent();
        })),
        new("POST", "/channels/{channel_id}/messages/{message_id}/threads", StartThread),
        new("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me", r => WithMessage(r, m =>
        {
            State.AddReaction(m.Id, r.Values["emoji"], State.BotUser.Id);
            return Reply.NoContent();
        })),
        new("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me", r => WithMessage(r, m =>
        {
            State.RemoveReaction(m.Id, r.Values["emoji"], State.BotUser.Id);
            return Reply.NoContent();
        })),
        new("GET", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}", r => WithMessage(r, m =>
        {
            var limit = int.TryParse(r.Query["limit"], CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 100) : 25;
            var after = ulong.TryParse(r.Query["after"], CultureInfo.InvariantCulture, out var a) ? a : 0;
            var users = State.ReactionUsers(m.Id, r.Values["emoji"]).Where(id => id > after).Order().Take(limit)
                .Select(id => (JsonNode)UserJson(id)).ToArray();
            return Reply.Json(new JsonArray(users));
        })),
        new("PUT", "/applications/{application_id}/guilds/{guild_id}/commands", r =>
        {
            return r.Raw is JsonArray commands
                ? Reply.Json(OverwriteCommands(r.Values, commands))
                : Reply.Error(400, 50035, "Invalid Form Body");
        }),
        new("GET", "/guilds/{guild_id}/members/{user_id}", r => State.Members.TryGetValue(r.Id("user_id"), out var member) ? Reply.Json(member.ToJson()) : Reply.Error(404, 10007, "Unknown Member")),
        new("GET", "/guilds/{guild_id}/roles", _ => Reply.Json(new JsonArray([.. State.Roles.Values.Select(role => (JsonNode)role.ToJson())]))),
        new("POST", "/interactions/{interaction_id}/{interaction_token}/callback", InteractionCallback, Exempt: true, TokenInPath: true),
        new("PATCH", "/webhooks/{application_id}/{interaction_token}/messages/@original", EditOriginal, TokenInPath: true),
        new("POST", "/webhooks/{application_id}/{interaction_token}", FollowUp, TokenInPath: true),
    ];

    private JsonArray OverwriteCommands(Dictionary<string, string> values, JsonArray commands)
    {
        lock (State.GuildCommands)
        {
            State.GuildCommands.Clear();
            foreach (var command in commands.OfType<JsonObject>())
            {
                command["id"] ??= FakeState.Id(State.NewId());
                command["application_id"] = values["application_id"];
                command["guild_id"] = values["guild_id"];
                command["version"] = FakeState.Id(State.NewId());
                State.GuildCommands.Add((JsonObject)command.DeepClone());
            }
            return new JsonArray([.. State.GuildCommands.Select(c => (JsonNode)c.DeepClone())]);
        }
    }

    private Reply CreateMessage(RequestContext r)
    {
        var channelId = r.Id("channel_id");
        if (!State.Channels.ContainsKey(channelId))
        {
            return Reply.Error(404, 10003, "Unknown Channel");
        }
        var body = r.Body ?? [];
        if (FakeLimits.ValidateMessage(body, requireSomething: true) is { } error)
        {
            return Reply.Json(error, 400);
        }
        if (body["nonce"]?.ToString() is { } nonce && body["enforce_nonce"]?.GetValue<bool>() == true
            && _nonces.Find(channelId, nonce) is { } existing && State.Messages.TryGetValue(existing, out var earlier))
        {
            return Reply.Json(earlier.ToJson());
        }
        var message = new FakeMessage(State.NewId(), channelId, State.BotUser, (JsonObject)body.DeepClone());
        State.Messages[message.Id] = message;
        if (body["nonce"]?.ToString() is { } n)
        {
            _nonces.Add(channelId, n, message.Id);
        }
        return Reply.Json(message.ToJson());
    }

    private Reply StartThread(RequestContext r) => WithMessage(r, m =>
    {
        if (FakeLimits.ValidateThreadName(r.Body ?? []) is { } error)
        {
            return Reply.Json(error, 400);
        }
        if (m.ThreadId is not null)
        {
            return Reply.Error(400, 160004, "A thread has already been created for this message");
        }
        // A thread started from a message has the message's id.
        var thread = new FakeChannel(m.Id, 11, State.GuildId, r.Body!["name"]!.GetValue<string>(), m.ChannelId);
        State.Channels[thread.Id] = thread;
        m.ThreadId = thread.Id;
        return Reply.Json(thread.ToJson(), 201);
    });

    private Reply InteractionCallback(RequestContext r)
    {
        if (!State.Interactions.TryGetValue(r.Id("interaction_id"), out var interaction) || interaction.Token != r.Values["interaction_token"])
        {
            return Reply.Error(404, 10062, "Unknown interaction");
        }
        if (Stopwatch.GetElapsedTime(interaction.DispatchedAt) > InteractionDeadline)
        {
            return Reply.Error(404, 10062, "Unknown interaction");
        }
        var body = r.Body ?? [];
        if (FakeLimits.ValidateCallback(body) is { } error)
        {
            return Reply.Json(error, 400);
        }
        lock (interaction.Callbacks)
        {
            if (interaction.Callbacks.Count > 0)
            {
                return Reply.Error(400, 40060, "Interaction has already been acknowledged.");
            }
            interaction.Callbacks.Add((JsonObject)body.DeepClone());
        }
        var type = body["type"]!.GetValue<int>();
        if (type is 4 or 5 && interaction.OriginalMessageId is null)
        {
            var data = body["data"] as JsonObject ?? [];
            var message = new FakeMessage(State.NewId(), State.ReviewChannelId, State.BotUser, (JsonObject)data.DeepClone());
            State.Messages[message.Id] = message;
            interaction.OriginalMessageId = message.Id;
        }
        return Reply.NoContent();
    }

    private Reply EditOriginal(RequestContext r)
    {
        var interaction = State.Interactions.Values.FirstOrDefault(i => i.Token == r.Values["interaction_token"]);
        if (interaction is null || interaction.InitialResponseType is null)
        {
            return Reply.Error(404, 10008, "Unknown Message");
        }
        var body = r.Body ?? [];
        if (FakeLimits.ValidateMessage(body, requireSomething: false) is { } error)
        {
            return Reply.Json(error, 400);
        }
        lock (interaction.OriginalEdits)
        {
            interaction.OriginalEdits.Add((JsonObject)body.DeepClone());
        }
        // Types 6/7 answer on the message carrying the component; 4/5 on the response message.
        var targetId = interaction.OriginalMessageId ?? interaction.SourceMessageId;
        if (targetId is { } id && State.Messages.TryGetValue(id, out var message))
        {
            message.Edit(body);
            return Reply.Json(message.ToJson());
        }
        return Reply.Error(404, 10008, "Unknown Message");
    }

    private Reply FollowUp(RequestContext r)
    {
        var interaction = State.Interactions.Values.FirstOrDefault(i => i.Token == r.Values["interaction_token"]);
        if (interaction is null || interaction.InitialResponseType is null)
        {
            return Reply.Error(404, 10015, "Unknown Webhook");
        }
        var body = r.Body ?? [];
        if (FakeLimits.ValidateMessage(body, requireSomething: true) is { } error)
        {
            return Reply.Json(error, 400);
        }
        lock (interaction.FollowUps)
        {
            interaction.FollowUps.Add((JsonObject)body.DeepClone());
        }
        var message = new FakeMessage(State.NewId(), State.ReviewChannelId, State.BotUser, (JsonObject)body.DeepClone());
        State.Messages[message.Id] = message;
        return Reply.Json(message.ToJson());
    }

    private Reply WithMessage(RequestContext r, Func<FakeMessage, Reply> action) =>
        State.Messages.TryGetValue(r.Id("message_id"), out var message) && !message.Deleted && message.ChannelId == r.Id("channel_id")
            ? action(message)
            : Reply.Error(404, 10008, "Unknown Message");

    private JsonObject UserJson(ulong id) =>
        id == State.BotUser.Id ? State.BotUser.ToJson()
        : State.Members.TryGetValue(id, out var member) ? member.User.ToJson()
        : new FakeUser(id, $"user-{id}").ToJson();

    private sealed class ConcurrentNonces
    {
        private readonly Dictionary<(ulong, string), ulong> _byNonce = [];

        public ulong? Find(ulong channelId, string nonce)
        {
            lock (_byNonce)
            {
                return _byNonce.TryGetValue((channelId, nonce), out var id) ? id : null;
            }
        }

        public void Add(ulong channelId, string nonce, ulong messageId)
        {
            lock (_byNonce)
            {
                _byNonce[(channelId, nonce)] = messageId;
            }
        }
    }
}
