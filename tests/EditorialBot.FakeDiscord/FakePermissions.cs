namespace EditorialBot.FakeDiscord;

/// <summary>
/// Permission bits the fake checks (discord-api-docs developers/topics/permissions.mdx, "Bitwise Permission Flags"),
/// and the channel computation that page gives under "Permission Overwrites": @everyone, then the member's roles,
/// ADMINISTRATOR short-circuits, then channel overwrites for @everyone, roles, and the member. Threads use their
/// parent channel's overwrites.
/// </summary>
public static class FakePermissions
{
    public const ulong Administrator = 1UL << 3;
    public const ulong AddReactions = 1UL << 6;
    public const ulong ViewChannel = 1UL << 10;
    public const ulong SendMessages = 1UL << 11;
    public const ulong ManageMessages = 1UL << 13;
    public const ulong EmbedLinks = 1UL << 14;
    public const ulong ReadMessageHistory = 1UL << 16;
    public const ulong ManageGuild = 1UL << 5;
    public const ulong ManageThreads = 1UL << 34;
    public const ulong CreatePublicThreads = 1UL << 35;
    public const ulong SendMessagesInThreads = 1UL << 38;

    public const ulong All = ulong.MaxValue;

    internal static ulong Compute(FakeState state, FakeMember member, FakeChannel channel)
    {
        var everyone = state.Roles.TryGetValue(state.GuildId, out var everyoneRole) ? everyoneRole.Permissions : 0;
        var permissions = member.Roles.Aggregate(everyone, (acc, id) => acc | (state.Roles.TryGetValue(id, out var role) ? role.Permissions : 0));
        if ((permissions & Administrator) != 0)
        {
            return All;
        }
        var source = channel.IsThread && channel.ParentId is { } parent && state.Channels.TryGetValue(parent, out var p) ? p : channel;
        var overwrites = source.PermissionOverwrites;
        if (overwrites.FirstOrDefault(o => o.Id == state.GuildId) is { } all)
        {
            permissions = (permissions & ~all.Deny) | all.Allow;
        }
        ulong allow = 0, deny = 0;
        foreach (var o in overwrites.Where(o => o.Type == FakeOverwrite.RoleType && o.Id != state.GuildId && member.Roles.Contains(o.Id)))
        {
            allow |= o.Allow;
            deny |= o.Deny;
        }
        permissions = (permissions & ~deny) | allow;
        if (overwrites.FirstOrDefault(o => o.Type == FakeOverwrite.MemberType && o.Id == member.User.Id) is { } mine)
        {
            permissions = (permissions & ~mine.Deny) | mine.Allow;
        }
        return permissions;
    }
}

/// <summary>A channel permission overwrite: type 0 role (the guild id is @everyone), type 1 member.</summary>
public sealed record FakeOverwrite(ulong Id, int Type, ulong Allow, ulong Deny)
{
    public const int RoleType = 0;
    public const int MemberType = 1;

    public System.Text.Json.Nodes.JsonObject ToJson() => new()
    {
        ["id"] = FakeState.Id(Id),
        ["type"] = Type,
        ["allow"] = FakeState.Id(Allow),
        ["deny"] = FakeState.Id(Deny),
    };
}
