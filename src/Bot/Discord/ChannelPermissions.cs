using System.Numerics;
using EditorialBot.Bot.Discord.Models;

namespace EditorialBot.Bot.Discord;

/// <summary>
/// A member's permissions in a channel, computed as permissions.mdx ("Permission Overwrites") describes: @everyone (the
/// role whose id is the guild's) and the member's roles; ADMINISTRATOR grants everything; then the channel's overwrites
/// for @everyone, for the member's roles (all denies, then all allows) and for the member. Also says which overwrite took
/// a permission away, so <c>doctor</c> can name it.
/// </summary>
internal sealed record ChannelPermissions(PermissionSet Effective, PermissionSet ServerLevel, IReadOnlyList<PermissionOverwrite> Overwrites)
{
    public static ChannelPermissions Compute(Snowflake guildId, IReadOnlyList<Role> roles, GuildMember member, Snowflake memberId, Channel channel)
    {
        var granted = roles.Where(r => r.Id == guildId || member.Roles.Contains(r.Id))
            .Aggregate(BigInteger.Zero, static (sum, r) => sum | r.Permissions.Value);
        var server = new PermissionSet(granted);
        var overwrites = channel.PermissionOverwrites ?? [];
        if (server.Has(PermissionSet.Administrator))
        {
            return new ChannelPermissions(new PermissionSet(~BigInteger.Zero & ((BigInteger.One << 64) - 1)), server, overwrites);
        }
        var permissions = granted;
        if (overwrites.FirstOrDefault(o => o.Id == guildId) is { } everyone)
        {
            permissions = (permissions & ~everyone.Deny.Value) | everyone.Allow.Value;
        }
        BigInteger allow = 0, deny = 0;
        foreach (var o in overwrites.Where(o => o.Type == PermissionOverwrite.RoleType && o.Id != guildId && member.Roles.Contains(o.Id)))
        {
            allow |= o.Allow.Value;
            deny |= o.Deny.Value;
        }
        permissions = (permissions & ~deny) | allow;
        if (overwrites.FirstOrDefault(o => o.Type == PermissionOverwrite.MemberType && o.Id == memberId) is { } mine)
        {
            permissions = (permissions & ~mine.Deny.Value) | mine.Allow.Value;
        }
        return new ChannelPermissions(new PermissionSet(permissions), server, overwrites);
    }

    /// <summary>The overwrites that deny <paramref name="bit"/> (for the message naming what to fix).</summary>
    public IEnumerable<PermissionOverwrite> Denying(int bit) => Overwrites.Where(o => o.Deny.Has(bit));
}
