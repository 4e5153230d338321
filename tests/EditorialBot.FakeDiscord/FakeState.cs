using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace EditorialBot.FakeDiscord;

/// <summary>
/// What the fake Discord knows: one guild with roles, members and channels; messages (with their edit history),
/// threads, reactions, registered commands and interactions with their callbacks. Tests seed it and inspect it.
/// </summary>
public sealed class FakeState
{
    private long _nextId = 1_300_000_000_000_000_000;

    public FakeState()
    {
        BotUser = new FakeUser(NewId(), "editorial-bot", Bot: true);
        ApplicationId = BotUser.Id;
        GuildId = NewId();
        ReviewChannelId = AddChannel("review").Id;
    }

    public FakeUser BotUser { get; }
    public ulong ApplicationId { get; }
    public ulong GuildId { get; }
    public ulong ReviewChannelId { get; }

    public ConcurrentDictionary<ulong, FakeChannel> Channels { get; } = new();
    public ConcurrentDictionary<ulong, FakeMessage> Messages { get; } = new();
    public ConcurrentDictionary<ulong, FakeRole> Roles { get; } = new();
    public ConcurrentDictionary<ulong, FakeMember> Members { get; } = new();
    public ConcurrentDictionary<ulong, FakeInteraction> Interactions { get; } = new();

    /// <summary>Reactions per message: emoji (as Discord names it in events: Unicode text or name:id) → user ids in order.</summary>
    public ConcurrentDictionary<ulong, ConcurrentDictionary<string, List<ulong>>> Reactions { get; } = new();

    public List<JsonObject> GuildCommands { get; } = [];

    public ulong NewId() => (ulong)Interlocked.Increment(ref _nextId);

    public FakeChannel AddChannel(string name, int type = 0, ulong? parentId = null)
    {
        var channel = new FakeChannel(NewId(), type, GuildId, name, parentId);
        Channels[channel.Id] = channel;
        return channel;
    }

    public FakeRole AddRole(string name, ulong permissions = 0)
    {
        var role = new FakeRole(NewId(), name, permissions);
        Roles[role.Id] = role;
        return role;
    }

    /// <summary>
    /// Makes the bot a member with these roles. Until then the fake treats the bot as allowed everything, so tests that
    /// do not care about permissions need no set-up; after it, posts, threads, reactions and unarchiving are checked.
    /// </summary>
    public FakeMember AddBotMember(params ulong[] roleIds)
    {
        var member = new FakeMember(BotUser, [.. roleIds]);
        Members[BotUser.Id] = member;
        return member;
    }

    /// <summary>
    /// The bot as invited by <c>invite-url</c>: a member whose one role has exactly the permissions the bot asks for (View
    /// Channel, Send Messages, Embed Links, Add Reactions, Read Message History, Create Public Threads, Send Messages in
    /// Threads), so no MANAGE_THREADS: a locked thread stays locked for it.
    /// </summary>
    public FakeRole AddBotMemberAsInvited()
    {
        var role = AddRole("EditorialBot", FakePermissions.ViewChannel | FakePermissions.SendMessages | FakePermissions.EmbedLinks
            | FakePermissions.AddReactions | FakePermissions.ReadMessageHistory | FakePermissions.CreatePublicThreads | FakePermissions.SendMessagesInThreads);
        AddBotMember(role.Id);
        return role;
    }

    /// <summary>The @everyone role (its id is the guild's), listed by GET /guilds/{id}/roles like any role.</summary>
    public FakeRole SetEveryonePermissions(ulong permissions)
    {
        var role = new FakeRole(GuildId, "@everyone", permissions);
        Roles[GuildId] = role;
        return role;
    }

    /// <summary>The user's permissions in a channel, computed as permissions.mdx describes; the bot without a member entry has all.</summary>
    public ulong PermissionsIn(ulong userId, ulong channelId)
    {
        if (!Members.TryGetValue(userId, out var member))
        {
            return userId == BotUser.Id ? FakePermissions.All : 0;
        }
        return Channels.TryGetValue(channelId, out var channel) ? FakePermissions.Compute(this, member, channel) : 0;
    }

    public bool BotHas(ulong channelId, ulong permission) => (PermissionsIn(BotUser.Id, channelId) & permission) == permission;

    /// <summary>A moderator (or the auto-archive timer) archived the thread; <paramref name="locked"/> as a moderator's lock.</summary>
    public void ArchiveThread(ulong threadId, bool locked = false)
    {
        var thread = Channels[threadId];
        thread.Archived = true;
        thread.Locked |= locked;
    }

    /// <summary>
    /// Whether Discord shows a registered command to a member: no default_member_permissions means everyone, "0" means
    /// administrators only, otherwise the member needs every bit (application-commands.mdx, "Permissions"; ADMINISTRATOR
    /// always passes). Server admins can still grant a hidden command to others under Integrations.
    /// </summary>
    public bool CommandVisibleTo(FakeMember member, string name)
    {
        JsonObject? command;
        lock (GuildCommands)
        {
            command = GuildCommands.FirstOrDefault(c => c["name"]?.GetValue<string>() == name);
        }
        if (command is null)
        {
            return false;
        }
        if (command["default_member_permissions"]?.GetValue<string>() is not { } text)
        {
            return true;
        }
        var everyone = Roles.TryGetValue(GuildId, out var everyoneRole) ? everyoneRole.Permissions : 0;
        var granted = member.Roles.Aggregate(everyone, (acc, id) => acc | (Roles.TryGetValue(id, out var role) ? role.Permissions : 0));
        if ((granted & FakePermissions.Administrator) != 0)
        {
            return true;
        }
        var needed = ulong.Parse(text, CultureInfo.InvariantCulture);
        return needed != 0 && (granted & needed) == needed;
    }

    /// <summary>The reactions array of a message object (message.mdx, "Reaction Object"): count, count_details, me, emoji.</summary>
    public JsonArray ReactionsJson(ulong messageId)
    {
        var array = new JsonArray();
        if (!Reactions.TryGetValue(messageId, out var byEmoji))
        {
            return array;
        }
        foreach (var (emoji, users) in byEmoji.OrderBy(static e => e.Key, StringComparer.Ordinal))
        {
            var ids = Locked(users);
            if (ids.Count == 0)
            {
                continue;
            }
            array.Add(new JsonObject
            {
                ["count"] = ids.Count,
                ["count_details"] = new JsonObject { ["burst"] = 0, ["normal"] = ids.Count },
                ["me"] = ids.Contains(BotUser.Id),
                ["me_burst"] = false,
                ["emoji"] = EmojiJson(emoji),
                ["burst_colors"] = new JsonArray(),
            });
        }
        return array;
    }

    internal static JsonObject EmojiJson(string emoji)
    {
        var colon = emoji.LastIndexOf(':');
        return colon > 0 && ulong.TryParse(emoji[(colon + 1)..], out _)
            ? new JsonObject { ["id"] = emoji[(colon + 1)..], ["name"] = emoji[..colon] }
            : new JsonObject { ["id"] = null, ["name"] = emoji };
    }

    public FakeMember AddMember(string username, params ulong[] roleIds)
    {
        var member = new FakeMember(new FakeUser(NewId(), username), [.. roleIds]);
        Members[member.User.Id] = member;
        return member;
    }

    public IReadOnlyList<FakeMessage> MessagesIn(ulong channelId) =>
        Messages.Values.Where(m => m.ChannelId == channelId && !m.Deleted).OrderBy(m => m.Id).ToList();

    public IReadOnlyList<ulong> ReactionUsers(ulong messageId, string emoji) =>
        Reactions.TryGetValue(messageId, out var byEmoji) && byEmoji.TryGetValue(emoji, out var users) ? Locked(users) : [];

    public void AddReaction(ulong messageId, string emoji, ulong userId)
    {
        var users = Reactions.GetOrAdd(messageId, _ => new()).GetOrAdd(emoji, _ => []);
        lock (users)
        {
            if (!users.Contains(userId))
            {
                users.Add(userId);
            }
        }
    }

    public void RemoveReaction(ulong messageId, string emoji, ulong userId)
    {
        if (Reactions.TryGetValue(messageId, out var byEmoji) && byEmoji.TryGetValue(emoji, out var users))
        {
            lock (users)
            {
                users.Remove(userId);
            }
        }
    }

    private static List<ulong> Locked(List<ulong> users)
    {
        lock (users)
        {
            return [.. users];
        }
    }

    internal static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);
}

public sealed record FakeUser(ulong Id, string Username, bool Bot = false)
{
    public JsonObject ToJson() => new() { ["id"] = FakeState.Id(Id), ["username"] = Username, ["bot"] = Bot };
}

public sealed record FakeRole(ulong Id, string Name, ulong Permissions)
{
    public JsonObject ToJson() => new() { ["id"] = FakeState.Id(Id), ["name"] = Name, ["permissions"] = FakeState.Id(Permissions), ["position"] = 1 };
}

public sealed record FakeMember(FakeUser User, List<ulong> Roles)
{
    public JsonObject ToJson(ulong? permissions = null)
    {
        var json = new JsonObject
        {
            ["user"] = User.ToJson(),
            ["roles"] = new JsonArray([.. Roles.Select(r => (JsonNode)FakeState.Id(r))]),
            ["joined_at"] = "2026-01-01T00:00:00.000000+00:00",
            ["deaf"] = false,
            ["mute"] = false,
            ["flags"] = 0,
        };
        if (permissions is { } p)
        {
            json["permissions"] = FakeState.Id(p);
        }
        return json;
    }
}

public sealed record FakeChannel(ulong Id, int Type, ulong GuildId, string Name, ulong? ParentId)
{
    /// <summary>Announcement, public and private threads (types 10, 11, 12).</summary>
    public bool IsThread => Type is 10 or 11 or 12;

    /// <summary>thread_metadata.archived: edits and reactions fail with 50083; a new message unarchives (unless locked).</summary>
    public bool Archived { get; set; }

    /// <summary>thread_metadata.locked: only members with MANAGE_THREADS may post, edit or unarchive.</summary>
    public bool Locked { get; set; }

    public int AutoArchiveMinutes { get; set; } = 4320;

    /// <summary>Channel overwrites (threads have none of their own: they use the parent's).</summary>
    public List<FakeOverwrite> PermissionOverwrites { get; } = [];

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["id"] = FakeState.Id(Id), ["type"] = Type, ["guild_id"] = FakeState.Id(GuildId), ["name"] = Name };
        if (ParentId is { } parent)
        {
            json["parent_id"] = FakeState.Id(parent);
        }
        if (IsThread)
        {
            // developers/resources/channel.mdx, "Thread Metadata Object".
            json["thread_metadata"] = new JsonObject
            {
                ["archived"] = Archived,
                ["auto_archive_duration"] = AutoArchiveMinutes,
                ["archive_timestamp"] = "2026-01-01T00:00:00.000000+00:00",
                ["locked"] = Locked,
            };
        }
        else
        {
            List<FakeOverwrite> overwrites;
            lock (PermissionOverwrites)
            {
                overwrites = [.. PermissionOverwrites];
            }
            json["permission_overwrites"] = new JsonArray([.. overwrites.Select(o => (JsonNode)o.ToJson())]);
        }
        return json;
    }
}

/// <summary>A message as currently shown, plus every version it had (index 0 = as posted).</summary>
public sealed class FakeMessage(ulong id, ulong channelId, FakeUser author, JsonObject body)
{
    private readonly Lock _lock = new();

    public ulong Id { get; } = id;
    public ulong ChannelId { get; } = channelId;
    public FakeUser Author { get; } = author;
    public List<JsonObject> Versions { get; } = [body];
    public bool Deleted { get; set; }

    /// <summary>Stopwatch timestamp of creation; <see cref="MakeOlder"/> moves it back so tests need not wait an hour.</summary>
    public long CreatedAt { get; private set; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public TimeSpan Age => System.Diagnostics.Stopwatch.GetElapsedTime(CreatedAt);

    public void MakeOlder(TimeSpan by) => CreatedAt -= (long)(by.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
    public ulong? ThreadId { get; set; }

    public JsonObject Current
    {
        get
        {
            lock (_lock)
            {
                return Versions[^1];
            }
        }
    }

    public string Content => Current["content"]?.GetValue<string>() ?? "";

    public JsonArray Embeds => Current["embeds"] as JsonArray ?? [];

    public JsonArray Components => Current["components"] as JsonArray ?? [];

    internal void Edit(JsonObject patch)
    {
        lock (_lock)
        {
            var next = (JsonObject)Versions[^1].DeepClone();
            foreach (var (key, value) in patch)
            {
                next[key] = value?.DeepClone();
            }
            Versions.Add(next);
        }
    }

    public JsonObject ToJson()
    {
        var current = Current;
        var json = new JsonObject
        {
            ["id"] = FakeState.Id(Id),
            ["channel_id"] = FakeState.Id(ChannelId),
            ["author"] = Author.ToJson(),
            ["content"] = current["content"]?.DeepClone() ?? "",
            ["timestamp"] = "2026-01-01T00:00:00.000000+00:00",
            ["embeds"] = current["embeds"]?.DeepClone() ?? new JsonArray(),
            ["components"] = current["components"]?.DeepClone() ?? new JsonArray(),
        };
        if (current["flags"] is { } flags)
        {
            json["flags"] = flags.DeepClone();
        }
        return json;
    }
}

/// <summary>An interaction the fake dispatched, with every callback, @original edit and follow-up it received.</summary>
public sealed class FakeInteraction(ulong id, string token, int type, long dispatchedAt)
{
    public ulong Id { get; } = id;
    public string Token { get; } = token;
    public int Type { get; } = type;
    public long DispatchedAt { get; } = dispatchedAt;
    public List<JsonObject> Callbacks { get; } = [];
    public List<JsonObject> OriginalEdits { get; } = [];
    public List<JsonObject> FollowUps { get; } = [];
    public ulong? OriginalMessageId { get; set; }

    /// <summary>Set by <see cref="ExpireToken"/>: the token is past its 15 minutes, whatever the clock says.</summary>
    public bool TokenExpired { get; private set; }

    /// <summary>Plays the 15 minutes passing: later webhook calls with this token get 401 / 50027.</summary>
    public void ExpireToken() => TokenExpired = true;

    /// <summary>For button presses: the message carrying the button (what types 6/7 and their @original edits change).</summary>
    public ulong? SourceMessageId { get; set; }

    /// <summary>Callback type of the initial response (4-9), or null if none arrived yet.</summary>
    public int? InitialResponseType
    {
        get
        {
            lock (Callbacks)
            {
                return Callbacks.Count > 0 ? Callbacks[0]["type"]?.GetValue<int>() : null;
            }
        }
    }
}
