using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace EditorialBot.FakeDiscord;

public sealed partial class FakeDiscordServer
{
    private readonly ConcurrentNonces _nonces = new();
    private readonly OldMessageEdits _oldEdits = new();

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
        new("PATCH", "/channels/{channel_id}", ModifyChannel),
        new("POST", "/channels/{channel_id}/messages", CreateMessage),
        new("GET", "/channels/{channel_id}/messages", ListMessages),
        new("GET", "/channels/{channel_id}/messages/{message_id}", r => WithMessage(r, m => Reply.Json(MessageJson(m)))),
        new("PATCH", "/channels/{channel_id}/messages/{message_id}", EditMessage),
        new("DELETE", "/channels/{channel_id}/messages/{message_id}", r => WithMessage(r, m =>
        {
            m.Deleted = true;
            return Reply.NoContent();
        })),
        new("POST", "/channels/{channel_id}/messages/{message_id}/threads", StartThread),
        new("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me", r => WithMessage(r, m =>
        {
            if (ArchivedGuard(m.ChannelId) is { } refused)
            {
                return refused;
            }
            if (!State.BotHas(m.ChannelId, FakePermissions.AddReactions | FakePermissions.ReadMessageHistory))
            {
                return MissingPermissions();
            }
            State.AddReaction(m.Id, r.Values["emoji"], State.BotUser.Id);
            return Reply.NoContent();
        })),
        new("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me", r => WithMessage(r, m =>
        {
            if (ArchivedGuard(m.ChannelId) is { } refused)
            {
                return refused;
            }
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
            if (r.Raw is not JsonArray commands)
            {
                return Reply.Error(400, 50035, "Invalid Form Body");
            }
            // application-commands.mdx, "Application Command Object": default_member_permissions is ?string, a bitset.
            foreach (var command in commands.OfType<JsonObject>())
            {
                if (command["default_member_permissions"] is { } dmp
                    && (dmp is not JsonValue value || !value.TryGetValue<string>(out var text) || !ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                {
                    return Reply.Error(400, 50035, "Invalid Form Body (default_member_permissions must be a string bitset)");
                }
            }
            return Reply.Json(OverwriteCommands(r.Values, commands));
        }),
        new("GET", "/guilds/{guild_id}/members/{user_id}", r => State.Members.TryGetValue(r.Id("user_id"), out var member) ? Reply.Json(member.ToJson()) : Reply.Error(404, 10007, "Unknown Member")),
        new("GET", "/guilds/{guild_id}/roles", _ => Reply.Json(new JsonArray([.. State.Roles.Values.Select(role => (JsonNode)role.ToJson())]))),
        new("POST", "/interactions/{interaction_id}/{interaction_token}/callback", InteractionCallback, Exempt: true, TokenInPath: true),
        new("PATCH", "/webhooks/{application_id}/{interaction_token}/messages/@original", EditOriginal, TokenInPath: true),
        new("DELETE", "/webhooks/{application_id}/{interaction_token}/messages/@original", DeleteOriginal, TokenInPath: true),
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
        if (!State.Channels.TryGetValue(channelId, out var channel))
        {
            return Reply.Error(404, 10003, "Unknown Channel");
        }
        var body = r.Body ?? [];
        if (FakeLimits.ValidateMessage(body, requireSomething: true) is { } error)
        {
            return Reply.Json(error, 400);
        }
        if (!State.BotHas(channelId, FakePermissions.ViewChannel))
        {
            return Reply.Error(403, 50001, "Missing Access");
        }
        if (channel.IsThread && channel.Locked && !State.BotHas(channelId, FakePermissions.ManageThreads))
        {
            // topics/threads.mdx, "Locked threads": without MANAGE_THREADS nobody posts in a locked thread; Discord
            // answers 403 with 50083 (seen in discord/discord-api-docs#6884 and #7707).
            return Reply.Error(403, 50083, "Thread is archived");
        }
        // SEND_MESSAGES has no effect in threads; SEND_MESSAGES_IN_THREADS does (permissions.mdx, flag table).
        if (!State.BotHas(channelId, channel.IsThread ? FakePermissions.SendMessagesInThreads : FakePermissions.SendMessages))
        {
            return MissingPermissions();
        }
        if (body["nonce"]?.ToString() is { } nonce && body["enforce_nonce"]?.GetValue<bool>() == true
            && _nonces.Find(channelId, nonce, NonceWindow) is { } existing && State.Messages.TryGetValue(existing, out var earlier))
        {
            return Reply.Json(MessageJson(earlier));
        }
        // topics/threads.mdx, "Active & Archived Threads": sending a message unarchives the thread.
        channel.Archived = false;
        var message = new FakeMessage(State.NewId(), channelId, State.BotUser, (JsonObject)body.DeepClone());
        State.Messages[message.Id] = message;
        if (body["nonce"]?.ToString() is { } n)
        {
            _nonces.Add(channelId, n, message.Id);
        }
        return Reply.Json(MessageJson(message)) with { BeforeSend = MessageCreated is { } created ? () => created(message) : null };
    }

    private Reply EditMessage(RequestContext r) => WithMessage(r, m =>
    {
        if (FakeLimits.ValidateMessage(r.Body ?? [], requireSomething: false) is { } error)
        {
            return Reply.Json(error, 400);
        }
        if (ArchivedGuard(m.ChannelId) is { } refused)
        {
            return refused;
        }
        if (m.Age >= OldMessageAge && !_oldEdits.TryTake(m.ChannelId, OldMessageEditLimit, OldMessageEditWindow))
        {
            return Reply.Error(400, 30046, "Maximum number of edits to messages older than 1 hour reached. Try again later");
        }
        m.Edit(r.Body ?? []);
        return Reply.Json(MessageJson(m));
    });

    // topics/threads.mdx: "Users cannot edit messages, add reactions ... in archived threads" (400, 50083 in
    // opcodes-and-status-codes.mdx); in a locked thread only MANAGE_THREADS may update messages.
    private Reply? ArchivedGuard(ulong channelId)
    {
        if (!State.Channels.TryGetValue(channelId, out var channel) || !channel.IsThread)
        {
            return null;
        }
        var manager = State.BotHas(channelId, FakePermissions.ManageThreads);
        if (channel.Archived)
        {
            return channel.Locked && !manager ? Reply.Error(403, 50083, "Thread is archived") : Reply.Error(400, 50083, "Thread is archived");
        }
        return channel.Locked && !manager ? MissingPermissions() : null;
    }

    // channel.mdx, "Modify Channel" (thread fields): archived, locked, auto_archive_duration, name. topics/threads.mdx:
    // a locked thread can only be unarchived with MANAGE_THREADS; locking needs MANAGE_THREADS too.
    private Reply ModifyChannel(RequestContext r)
    {
        if (!State.Channels.TryGetValue(r.Id("channel_id"), out var channel))
        {
            return Reply.Error(404, 10003, "Unknown Channel");
        }
        var body = r.Body ?? [];
        var manager = State.BotHas(channel.Id, FakePermissions.ManageThreads);
        if (channel.IsThread)
        {
            if (body["archived"]?.GetValue<bool>() == false && channel.Archived && channel.Locked && !manager)
            {
                return MissingPermissions();
            }
            if (body["locked"] is { } locked && locked.GetValue<bool>() != channel.Locked && !manager)
            {
                return MissingPermissions();
            }
            if (body["archived"] is { } archived)
            {
                channel.Archived = archived.GetValue<bool>();
            }
            if (body["locked"] is { } lockedValue)
            {
                channel.Locked = lockedValue.GetValue<bool>();
            }
            if (body["auto_archive_duration"] is { } duration)
            {
                channel.AutoArchiveMinutes = duration.GetValue<int>();
            }
        }
        return Reply.Json(channel.ToJson());
    }

    private static Reply MissingPermissions() => Reply.Error(403, 50013, "Missing Permissions");

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
        if (!State.BotHas(m.ChannelId, FakePermissions.CreatePublicThreads))
        {
            return MissingPermissions();
        }
        // A thread started from a message has the message's id.
        var thread = new FakeChannel(m.Id, 11, State.GuildId, r.Body!["name"]!.GetValue<string>(), m.ChannelId)
        {
            AutoArchiveMinutes = r.Body["auto_archive_duration"]?.GetValue<int>() ?? 4320,
        };
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

    // receiving-and-responding.mdx: tokens are valid for 15 minutes; after that the webhook routes answer 401 with
    // 50027 "Invalid Webhook Token" (opcodes-and-status-codes.mdx), which says nothing about the bot token.
    private bool TokenExpired(FakeInteraction interaction) =>
        interaction.TokenExpired || Stopwatch.GetElapsedTime(interaction.DispatchedAt) > InteractionTokenLifetime;

    private static Reply InvalidWebhookToken() => Reply.Error(401, 50027, "Invalid Webhook Token");

    private Reply EditOriginal(RequestContext r)
    {
        var interaction = State.Interactions.Values.FirstOrDefault(i => i.Token == r.Values["interaction_token"]);
        if (interaction is not null && TokenExpired(interaction))
        {
            return InvalidWebhookToken();
        }
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
            return Reply.Json(MessageJson(message));
        }
        return Reply.Error(404, 10008, "Unknown Message");
    }

    private Reply DeleteOriginal(RequestContext r)
    {
        var interaction = State.Interactions.Values.FirstOrDefault(i => i.Token == r.Values["interaction_token"]);
        if (interaction is not null && TokenExpired(interaction))
        {
            return InvalidWebhookToken();
        }
        if (interaction?.OriginalMessageId is not { } id || !State.Messages.TryGetValue(id, out var message) || message.Deleted)
        {
            return Reply.Error(404, 10008, "Unknown Message");
        }
        message.Deleted = true;
        return Reply.NoContent();
    }

    private Reply FollowUp(RequestContext r)
    {
        var interaction = State.Interactions.Values.FirstOrDefault(i => i.Token == r.Values["interaction_token"]);
        if (interaction is not null && TokenExpired(interaction))
        {
            return InvalidWebhookToken();
        }
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
        return Reply.Json(MessageJson(message));
    }

    // channel.mdx, "Get Channel Messages": newest first; before/after a message id; limit 1-100 (default 50); each
    // message object carries its reactions with their counts.
    private Reply ListMessages(RequestContext r)
    {
        var channelId = r.Id("channel_id");
        if (!State.Channels.ContainsKey(channelId))
        {
            return Reply.Error(404, 10003, "Unknown Channel");
        }
        var limit = int.TryParse(r.Query["limit"], CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 100) : 50;
        IEnumerable<FakeMessage> messages = State.MessagesIn(channelId);
        if (ulong.TryParse(r.Query["before"], CultureInfo.InvariantCulture, out var before))
        {
            messages = messages.Where(m => m.Id < before);
        }
        if (ulong.TryParse(r.Query["after"], CultureInfo.InvariantCulture, out var after))
        {
            messages = messages.Where(m => m.Id > after).OrderBy(m => m.Id).Take(limit);
        }
        return Reply.Json(new JsonArray([.. messages.OrderByDescending(m => m.Id).Take(limit).Select(m => (JsonNode)MessageJson(m))]));
    }

    /// <summary>A message object as Discord returns it, with its reactions (counts, count_details, me).</summary>
    public JsonObject MessageJson(FakeMessage message)
    {
        var json = message.ToJson();
        var reactions = State.ReactionsJson(message.Id);
        if (reactions.Count > 0)
        {
            json["reactions"] = reactions;
        }
        return json;
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
        private readonly Dictionary<(ulong, string), (ulong Id, long At)> _byNonce = [];

        /// <summary>The message posted with this nonce within the window, if any (older nonces are forgotten).</summary>
        public ulong? Find(ulong channelId, string nonce, TimeSpan window)
        {
            lock (_byNonce)
            {
                return _byNonce.TryGetValue((channelId, nonce), out var seen) && Stopwatch.GetElapsedTime(seen.At) <= window ? seen.Id : null;
            }
        }

        public void Add(ulong channelId, string nonce, ulong messageId)
        {
            lock (_byNonce)
            {
                _byNonce[(channelId, nonce)] = (messageId, Stopwatch.GetTimestamp());
            }
        }
    }

    /// <summary>Edits of old messages per channel within a sliding window (for 30046).</summary>
    private sealed class OldMessageEdits
    {
        private readonly Dictionary<ulong, Queue<long>> _byChannel = [];

        public bool TryTake(ulong channelId, int limit, TimeSpan window)
        {
            lock (_byChannel)
            {
                if (!_byChannel.TryGetValue(channelId, out var edits))
                {
                    edits = new Queue<long>();
                    _byChannel[channelId] = edits;
                }
                while (edits.TryPeek(out var oldest) && Stopwatch.GetElapsedTime(oldest) > window)
                {
                    edits.Dequeue();
                }
                if (edits.Count >= limit)
                {
                    return false;
                }
                edits.Enqueue(Stopwatch.GetTimestamp());
                return true;
            }
        }
    }
}
